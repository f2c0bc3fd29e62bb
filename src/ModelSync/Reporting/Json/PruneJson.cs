using System.ComponentModel;
using System.Text.Json.Serialization;
using ModelSync.Versioning;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/prune.schema.json.</summary>
public sealed record PruneJson
{
    public required string Server { get; init; }

    public required string ModelBase { get; init; }

    [Description("MODEL as spelt in its newest version")]
    public required string Model { get; init; }

    [Description("How many of the newest versions are kept")]
    [Minimum(0)]
    public required int Keep { get; init; }

    [Description("True: nothing was changed, fates say what would happen")]
    public required bool DryRun { get; init; }

    [Description("Every version of the model, newest first; empty only for a server of a group that holds none")]
    public required IReadOnlyList<PrunedVersionJson> Versions { get; init; }

    [Minimum(0)]
    public required int Kept { get; init; }

    [Description("Versions removed (with dry_run: that would be removed)")]
    [Minimum(0)]
    public required int Removed { get; init; }

    [Description("Previous versions a publish left (.model-sync-old.NAME) that were removed (with dry_run: that would be removed); not counted in removed")]
    [Minimum(0)]
    public required int RemovedLeftovers { get; init; }

    [Description("Versions left alone: locked or being published")]
    [Minimum(0)]
    public required int Skipped { get; init; }

    [Description("Bytes of the versions and of the previous versions a publish left that were removed (with dry_run: that would be)")]
    [Minimum(0)]
    public required long FreedBytes { get; init; }
}

public sealed record PrunedVersionJson
{
    public required string Name { get; init; }

    [Minimum(0)]
    public required long Bytes { get; init; }

    [Minimum(0)]
    public required int Files { get; init; }

    public required DateTimeOffset Modified { get; init; }

    [Description("kept, would_remove (dry run), removed, locked (someone holds its lock), being_published (a push is at work on it) or gone (removed meanwhile)")]
    [JsonConverter(typeof(SnakeCaseWords<PruneFate>))]
    public required PruneFate Fate { get; init; }

    [Description("Who holds its lock, when fate is locked or stale_lock is true and that is known")]
    public required string? Holder { get; init; }

    [Description("A stale lock (too old, or its process gone from this machine, as a push judges it) is beside the version: removing it breaks (with dry_run: would break) the lock")]
    public required bool StaleLock { get; init; }

    [Description("The previous version a finished publish of this one could not remove, left beside it; null when none is")]
    public required PreviousLeftoverJson? PreviousLeft { get; init; }
}

public sealed record PreviousLeftoverJson
{
    [Description("Its hidden name in model_base (.model-sync-old.NAME)")]
    public required string Name { get; init; }

    [Minimum(0)]
    public required long Bytes { get; init; }

    [Description("would_remove (dry run), removed, left (tried, and it still cannot go: why says why) or skipped (a push is at work on the version)")]
    [JsonConverter(typeof(SnakeCaseWords<LeftoverFate>))]
    public required LeftoverFate Fate { get; init; }

    [Description("Why it could not be removed, as rm said it, when fate is left")]
    public required string? Why { get; init; }
}

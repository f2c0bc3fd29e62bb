using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/list.schema.json: <c>list</c> on one server.</summary>
public sealed record ListJson
{
    public required string Server { get; init; }

    [Description("Absolute, ~ resolved")]
    public required string ModelBase { get; init; }

    [Description("--filter as given, or null")]
    public required string? Filter { get; init; }

    [Description("--model (without @latest), or null")]
    public required string? Model { get; init; }

    [Description("--latest, or --model M@latest")]
    public required bool Latest { get; init; }

    [Description("naming.pattern")]
    public required string Pattern { get; init; }

    [Description("Newest modification first")]
    public required IReadOnlyList<ListedModelJson> Models { get; init; }

    [Minimum(0)]
    public required int TotalModels { get; init; }

    [Minimum(0)]
    public required long TotalBytes { get; init; }

    [Description("Stages and locks that interrupted pushes or pulls left under model_base, by target name; the first 10 unless --files, left_behind_total counts them all")]
    public required IReadOnlyList<LeftBehindJson> LeftBehind { get; init; }

    [Description("How many stages and locks were left behind in all")]
    [Minimum(0)]
    public required int LeftBehindTotal { get; init; }

    [Description("true when left_behind lists fewer than left_behind_total (rerun with --files for all)")]
    public required bool LeftBehindTruncated { get; init; }
}

public sealed record LeftBehindJson
{
    [Description("stage: a copy being assembled (rerun its command to resume); lock: a push or pull holds or held the target; previous_version: the version a finished publish replaced but could not remove (prune removes it)")]
    public required string Kind { get; init; }

    [Description("The name under model_base the stage or lock belongs to")]
    public required string Target { get; init; }

    [Description("Bytes in a stage or previous version; 0 for a lock")]
    [Minimum(0)]
    public required long Bytes { get; init; }

    [Description("The entry's mtime")]
    public required DateTimeOffset Since { get; init; }

    [Minimum(0)]
    public required long AgeSeconds { get; init; }

    [Description("The command that took the lock or made the stage, as it was run; null when nothing recorded it")]
    public required string? Command { get; init; }

    [Description("The host that command ran on, or null")]
    public required string? Host { get; init; }

    [Description("Its process id, or null")]
    public required int? Pid { get; init; }
}

public sealed record ListedModelJson
{
    public required string Name { get; init; }

    [Minimum(0)]
    public required long Bytes { get; init; }

    [Minimum(0)]
    public required int Files { get; init; }

    [Description("Newest mtime inside the model")]
    public required DateTimeOffset Modified { get; init; }

    [Description("The name follows pattern")]
    public required bool Conforms { get; init; }

    [Description("The fields of the name; a field the pattern lacks is null; the whole object is null when the name does not follow the pattern")]
    public required NameFieldsJson? Fields { get; init; }
}

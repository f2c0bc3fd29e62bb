using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/prune-fleet.schema.json: <c>prune</c> on several servers or a <c>@group</c>.</summary>
public sealed record PruneFleetJson
{
    [Description("--model as given")]
    public required string Model { get; init; }

    [Description("How many of the newest versions each server keeps")]
    [Minimum(0)]
    public required int Keep { get; init; }

    [Description("True: nothing was changed, fates say what would happen")]
    public required bool DryRun { get; init; }

    [Description("true exactly when every server was pruned (or, with dry_run, planned)")]
    public required bool Ok { get; init; }

    [Description("One entry per server, in the order named")]
    public required IReadOnlyList<PrunedServerJson> Servers { get; init; }

    [Description("Versions removed on all servers (with dry_run: that would be)")]
    [Minimum(0)]
    public required int Removed { get; init; }

    [Description("Previous versions a publish left (.model-sync-old.NAME) removed on all servers (with dry_run: that would be); not counted in removed")]
    [Minimum(0)]
    public required int RemovedLeftovers { get; init; }

    [Description("Versions left alone on all servers: locked or being published")]
    [Minimum(0)]
    public required int Skipped { get; init; }

    [Description("Bytes freed on all servers, by the versions and the previous versions a publish left that were removed (with dry_run: that would be)")]
    [Minimum(0)]
    public required long FreedBytes { get; init; }

    [Description("Servers that failed, in the order named")]
    public required IReadOnlyList<string> Failed { get; init; }
}

[OkDecides(NullWhenOk = ["error"])]
public sealed record PrunedServerJson
{
    [MinLength(1)]
    public required string Server { get; init; }

    [Description("false when the server was not pruned (e.g. not reached)")]
    public required bool Ok { get; init; }

    [Description("Why this server failed, as in error.schema.json (code: the exit code it alone would have had); null when ok")]
    public required ErrorJson? Error { get; init; }

    [Description("This server's prune, as in prune.schema.json (versions empty when it holds none); null when it was not planned, or failed at the removal")]
    public required PruneJson? Prune { get; init; }

    [Minimum(0)]
    public required double Seconds { get; init; }
}

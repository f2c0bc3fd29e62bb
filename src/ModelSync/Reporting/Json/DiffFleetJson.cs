using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/diff-fleet.schema.json: <c>diff</c> against several servers or a <c>@group</c>.</summary>
public sealed record DiffFleetJson
{
    [Description("The local model as given")]
    public required string Local { get; init; }

    [Description("size_mtime, or with --checksum the hashes the reached servers were compared by, comma-separated (usually one; sha256 when none was reached)")]
    [Pattern("^(size_mtime|(sha256|xxh128|blake3)(,(sha256|xxh128|blake3))*)$")]
    public required string ComparedBy { get; init; }

    [Description("One entry per server, in the order named")]
    public required IReadOnlyList<DiffedServerJson> Servers { get; init; }

    [Description("One push to every reached server where it would send something (new or modified files); null when there is none")]
    public required string? PushCommand { get; init; }
}

[OkDecides(NullWhenOk = ["error"], NullUnlessOk = ["diff"])]
public sealed record DiffedServerJson
{
    [MinLength(1)]
    public required string Server { get; init; }

    [Description("false when the server could not be compared (e.g. not reached)")]
    public required bool Ok { get; init; }

    [Description("Why this server was not compared, as in error.schema.json (code: the exit code it alone would have had); null when ok")]
    public required ErrorJson? Error { get; init; }

    [Description("This server's diff, as in diff.schema.json; null when not ok")]
    public required DiffJson? Diff { get; init; }
}

using System.ComponentModel;
using System.Text.Json.Serialization;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/push-fleet.schema.json: <c>push</c> to several servers or a <c>@group</c>.</summary>
public sealed record PushFleetJson
{
    [Values("push")]
    public required string Command { get; init; }

    [Description("The local model as given")]
    public required string Source { get; init; }

    [Description("For people, e.g. \"4 at a time\"")]
    public required string Strategy { get; init; }

    [Description("true with --relay (or defaults.relay)")]
    public required bool Relay { get; init; }

    public required bool DryRun { get; init; }

    [Minimum(0)]
    public required double Seconds { get; init; }

    [Description("true exactly when every server succeeded")]
    public required bool Ok { get; init; }

    [Description("0, else the most serious failed server's code: 130, then 3, then 2, then 1")]
    [Values(0, 1, 2, 3, 130)]
    public required int ExitCode { get; init; }

    public required IReadOnlyList<PushedServerJson> Servers { get; init; }

    [Description("Servers to retry")]
    public required IReadOnlyList<string> Failed { get; init; }

    [Description("The same command with only the failed servers; null when none failed")]
    public required string? RetryCommand { get; init; }
}

public sealed record PushedServerJson
{
    [MinLength(1)]
    public required string Server { get; init; }

    [Description("alias or alias:path as resolved from the command line")]
    public required string Target { get; init; }

    [JsonConverter(typeof(SnakeCaseWords<PushStatus>))]
    public required PushStatus Status { get; init; }

    [Values(0, 1, 2, 3, 130)]
    public required int ExitCode { get; init; }

    [Minimum(0)]
    public required double Seconds { get; init; }

    [Description("null when this server succeeded; the exit code is the server's own, above")]
    public required PushFailureJson? Error { get; init; }

    [Description("--relay: the server this copy came from (with --dry-run: would come from); null when pushed from this machine")]
    public required string? CopiedFrom { get; init; }

    [Description("--relay: e.g. a route that failed and fell back to a push from here")]
    public required string? Warning { get; init; }

    [Description("This server's push, as in transfer.schema.json; null when it failed before a result")]
    public required TransferJson? Result { get; init; }
}

public enum PushStatus
{
    Published,
    UpToDate,
    DryRun,
    VerificationFailed,
    Interrupted,
    Failed,
}

public sealed record PushFailureJson
{
    public required string Message { get; init; }

    public required string? Fix { get; init; }
}

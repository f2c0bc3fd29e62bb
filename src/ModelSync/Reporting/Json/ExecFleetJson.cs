using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/exec-fleet.schema.json: <c>exec</c> on several servers or a <c>@group</c>.</summary>
public sealed record ExecFleetJson
{
    [Description("The command run on every server")]
    public required string Command { get; init; }

    [Description("true exactly when it ran and exited 0 everywhere")]
    public required bool Ok { get; init; }

    public required IReadOnlyList<ExecServerJson> Servers { get; init; }

    [Description("Servers where it did not run or exited non-zero")]
    public required IReadOnlyList<string> Failed { get; init; }
}

public sealed record ExecServerJson
{
    [MinLength(1)]
    public required string Server { get; init; }

    [Description("null when the server was not reached")]
    public required int? ExitCode { get; init; }

    public required string? Stdout { get; init; }

    public required string? Stderr { get; init; }

    [Minimum(0)]
    public required double Seconds { get; init; }

    [Description("Why the command did not run there, as in error.schema.json; null when it ran")]
    public required ErrorJson? Error { get; init; }
}

using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/exec.schema.json: <c>exec</c> on one server; the process exits with <see cref="ExitCode"/>.</summary>
public sealed record ExecJson
{
    public required string Server { get; init; }

    [Description("The command line as run by the server's login shell")]
    public required string Command { get; init; }

    [Minimum(0)]
    [Maximum(255)]
    public required int ExitCode { get; init; }

    [Description("All of it, as UTF-8 text")]
    public required string Stdout { get; init; }

    public required string Stderr { get; init; }
}

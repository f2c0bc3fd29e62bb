using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/verify-fleet.schema.json: <c>verify</c> against several servers or a <c>@group</c>.</summary>
public sealed record VerifyFleetJson
{
    [Description("The local model as given; null when each copy was checked against its own manifest")]
    public required string? Local { get; init; }

    [Description("true exactly when every server's copy verified (exit 0)")]
    public required bool Ok { get; init; }

    [Description("One entry per server, in the order named")]
    public required IReadOnlyList<VerifiedServerJson> Servers { get; init; }

    [Description("The pushes that repair every copy that did not verify, one per source (usually one); empty when none failed")]
    public required IReadOnlyList<RepairJson> RepairCommands { get; init; }
}

[OkDecides(NullWhenOk = ["error"], SetWhenOk = ["verify"])]
public sealed record VerifiedServerJson
{
    [MinLength(1)]
    public required string Server { get; init; }

    [Description("false when the copy did not verify (error code 3, verify holds its problems) or the server was not checked (verify null)")]
    public required bool Ok { get; init; }

    [Description("Why this server failed, as in error.schema.json (code: the exit code it alone would have had; for a copy that did not verify, 3 with the repair as fix); null when ok")]
    public required ErrorJson? Error { get; init; }

    [Description("This server's verify, as in verify.schema.json; null when it was not checked")]
    public required VerifyJson? Verify { get; init; }
}

public sealed record RepairJson
{
    [Description("Runnable as printed")]
    public required string Command { get; init; }

    [Description("The host to run it on when the source is not this machine; else null")]
    public required string? On { get; init; }
}

using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Reporting.Json;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary><c>verify</c> on several servers: a row per server, each failed one's problems, and the pushes that repair them.</summary>
public static class FleetVerifyReport
{
    /// <summary>Problems listed per server; the rest are counted (verify that one server for them all).</summary>
    public const int ProblemsShown = 5;

    public static void Write(TextWriter writer, string? local, IReadOnlyList<TargetOutcome<VerifyResult>> outcomes)
    {
        var name = outcomes.Select(o => o.Result?.Name).OfType<string>().FirstOrDefault() ?? (local is null ? "" : Path.GetFileName(local.TrimEnd('/')));
        writer.WriteLine($"## Verify: {name} on {Human.Count(outcomes.Count, "server")}");
        writer.WriteLine(local is null ? "Compared with: each copy's manifest" : $"Local: {local}");
        var reached = outcomes.Select(o => o.Result).OfType<VerifyResult>().ToList();
        if (reached.FirstOrDefault(r => r.LocalHashedNow is not null) is { LocalHashedNow: { } hashedHere })
            writer.WriteLine($"Read now here: {Human.Count(hashedHere, "file")} (once for every server)");
        writer.WriteLine();
        var table = new MarkdownTable("Server", "Remote", "Files", "Read now", "Problems", "Status");
        foreach (var o in outcomes)
        {
            if (o.Result is not { } r) table.Add(o.Server, o.Target.ToString(), "—", "—", "—", $"FAILED (exit {o.Failure!.ExitCode})");
            else table.Add(o.Server, r.Remote, $"{r.Files}", $"{r.HashedNow}", $"{r.Findings.Count}", r.Ok ? "OK" : $"FAILED — {Human.Count(r.Findings.Count, "problem")}");
        }
        table.WriteTo(writer);
        writer.WriteLine();
        foreach (var o in outcomes.Where(o => o.Result is not { Ok: true }))
        {
            if (o.Result is not { } r)
            {
                writer.WriteLine($"- {o.Server}: {o.Failure!.Line}");
                continue;
            }
            foreach (var f in r.Findings.Take(ProblemsShown)) writer.WriteLine($"- {o.Server}: {(f.Path.Length == 0 ? r.Name : f.Path)}: {f.Problem}");
            if (r.Findings.Count > ProblemsShown) writer.WriteLine($"- {o.Server}: and {r.Findings.Count - ProblemsShown} more");
        }
        if (reached.Any(r => r.Trusted is not null)) writer.WriteLine(VerifyReport.TrustedNote);
        foreach (var repair in Repairs(outcomes)) writer.WriteLine(VerifyReport.RepairLine(repair));
        foreach (var r in reached.Where(r => r is { Ok: false, Repair: null })) writer.WriteLine(VerifyReport.NoRepairLine(r.Remote));
        var failed = outcomes.Count(o => o.Result is { Ok: false });
        var unreached = outcomes.Count(o => o.Result is null);
        writer.WriteLine(failed + unreached == 0
            ? $"Result: OK — every file matches on all {outcomes.Count} servers"
            : $"Result: FAILED — {failed} of {outcomes.Count} servers did not verify{(unreached > 0 ? $", {unreached} not checked" : "")}");
    }

    /// <summary>The pushes that repair every server that did not verify: one per source.</summary>
    public static IReadOnlyList<(string? On, string Command)> Repairs(IReadOnlyList<TargetOutcome<VerifyResult>> outcomes) =>
        VerifyRepair.Commands(outcomes.Select(o => o.Result?.Repair).OfType<VerifyRepair>());

    public static VerifyFleetJson Json(string? local, IReadOnlyList<TargetOutcome<VerifyResult>> outcomes, ListBound bound = default) => new()
    {
        Local = local,
        Ok = outcomes.All(o => o.Ok),
        Servers = [.. outcomes.Select(o => new VerifiedServerJson
        {
            Server = o.Server,
            Ok = o.Ok,
            Error = o.Failure is { } f ? ErrorJson.From(f.ExitCode, f.Message, f.Fix) : null,
            Verify = o.Result is null ? null : VerifyReport.Json(o.Result, bound),
        })],
        RepairCommands = [.. Repairs(outcomes).Select(r => new RepairJson { Command = r.Command, On = r.On })],
    };
}

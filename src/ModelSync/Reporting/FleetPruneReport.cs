using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Reporting.Json;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary><c>prune</c> on several servers: a section per server (its versions and their fates), then a row per server and the totals.</summary>
public static class FleetPruneReport
{
    public static void Write(TextWriter writer, string model, bool dryRun, IReadOnlyList<TargetOutcome<PruneResult>> outcomes)
    {
        var reached = outcomes.Select(o => o.Result).OfType<PruneResult>().ToList();
        var name = reached.FirstOrDefault(r => r.Entries.Count > 0)?.Model ?? model;
        writer.WriteLine($"## Prune {Printable.Name(name)} on {string.Join(", ", outcomes.Select(o => o.Server))}{(dryRun ? " (dry run)" : "")}");
        foreach (var o in outcomes)
        {
            writer.WriteLine();
            writer.WriteLine($"### {o.Server}");
            if (o.Result is not { } r)
            {
                writer.WriteLine($"FAILED: {o.Failure!.Line}");
                continue;
            }
            writer.WriteLine($"Model base: {Printable.Name(r.ModelBase)}");
            writer.WriteLine();
            if (r.Entries.Count == 0) writer.WriteLine($"No version of {Printable.Name(name)} there.");
            else PruneReport.WriteBody(writer, r);
        }
        writer.WriteLine();
        writer.WriteLine("## Summary");
        var table = new MarkdownTable("Server", dryRun ? "Would remove" : "Removed", "Kept", "Skipped", "Freed", "Status");
        foreach (var o in outcomes)
        {
            if (o.Result is not { } r) table.Add(o.Server, "—", "—", "—", "—", $"FAILED (exit {o.Failure!.ExitCode})");
            else table.Add(o.Server, $"{r.Entries.Count(e => e.Frees)}", $"{r.Count(Versioning.PruneFate.Kept)}", $"{PruneReport.Skipped(r)}", Human.Bytes(r.FreedBytes), "OK");
        }
        table.WriteTo(writer);
        writer.WriteLine();
        var gone = reached.Sum(r => r.Entries.Count(e => e.Frees));
        var freed = reached.Sum(r => r.FreedBytes);
        var on = Human.Count(reached.Count(r => r.Entries.Any(e => e.Frees || e.Leftover is { Frees: true })), "server");
        // The freed bytes count the previous versions a publish left: the line names them too.
        var leftovers = reached.Sum(PruneReport.RemovedLeftovers);
        var alsoLeftovers = leftovers == 0 ? "" : $" and {Human.Count(leftovers, "previous version")} a publish left";
        writer.WriteLine(dryRun
            ? $"Total: would remove {PruneReport.Versions(gone)}{alsoLeftovers} on {on}, freeing {Human.Bytes(freed)}. Nothing was changed (--dry-run)."
            : $"Total: removed {PruneReport.Versions(gone)}{alsoLeftovers} on {on}, freed {Human.Bytes(freed)}.");
        var skipped = reached.Sum(PruneReport.Skipped);
        if (skipped > 0) writer.WriteLine($"Skipped {PruneReport.Versions(skipped)} a push is at work on; run the same command again once it is done.");
        var failed = outcomes.Where(o => !o.Ok).Select(o => o.Server).ToList();
        if (failed.Count > 0) writer.WriteLine($"Failed on {failed.Count} of {outcomes.Count} servers: {string.Join(", ", failed)}");
    }

    public static PruneFleetJson Json(string model, int keep, bool dryRun, IReadOnlyList<TargetOutcome<PruneResult>> outcomes)
    {
        var reached = outcomes.Select(o => o.Result).OfType<PruneResult>().ToList();
        return new()
        {
            Model = model,
            Keep = keep,
            DryRun = dryRun,
            Ok = outcomes.All(o => o.Ok),
            Servers = [.. outcomes.Select(o => new PrunedServerJson
            {
                Server = o.Server,
                Ok = o.Ok,
                Error = o.Failure is { } f ? ErrorJson.From(f.ExitCode, f.Message, f.Fix) : null,
                Prune = o.Result is { } r ? PruneReport.Json(r) : null,
                Seconds = Math.Round(o.Seconds, 3),
            })],
            Removed = reached.Sum(r => r.Entries.Count(e => e.Frees)),
            RemovedLeftovers = reached.Sum(PruneReport.RemovedLeftovers),
            Skipped = reached.Sum(PruneReport.Skipped),
            FreedBytes = reached.Sum(r => r.FreedBytes),
            Failed = [.. outcomes.Where(o => !o.Ok).Select(o => o.Server)],
        };
    }
}

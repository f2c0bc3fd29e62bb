using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Reporting.Json;
using ModelSync.Text;
using ModelSync.Transfer;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for a push to several servers: one row per server, then what to retry.</summary>
public static class FleetPushReport
{
    public static void WriteHeader(TextWriter writer, string source, IReadOnlyList<RemoteSpec> targets, string strategy)
    {
        writer.WriteLine($"Syncing to {Human.Count(targets.Count, "server")} ({strategy}): {string.Join(", ", targets)}");
        writer.WriteLine($"Source: {Printable.Name(source)}");
    }

    public static void WriteResult(TextWriter writer, FleetPushResult result, string? retryCommand)
    {
        writer.WriteLine();
        writer.WriteLine(result.DryRun ? "## Plan (dry run: nothing was changed)" : "## Result");
        string[] columns = ["Server", "Target", "Files", "Sent", "Time", "Speed", "Verified", "Status"];
        var table = new MarkdownTable(result.Relayed ? [.. columns, "From"] : columns);
        foreach (var t in result.Targets)
        {
            var r = t.Result;
            string[] cells = [t.Server, r?.Target ?? t.Target.ToString(), r is null ? "—" : $"{r.Files}",
                r is null || r.DryRun ? "—" : Human.Bytes(r.BytesSent), Human.Seconds(t.Seconds),
                r is null || r.DryRun ? "—" : Human.Rate(r.BytesSent, r.Seconds),
                r is null || r.DryRun ? "—" : TransferReport.Verified(r.Verification), Status(t)];
            table.Add(result.Relayed ? [.. cells, From(t, result.DryRun)] : cells);
        }
        table.WriteTo(writer);
        writer.WriteLine();
        var warned = result.Targets.Where(t => t.Warning is not null).ToList();
        foreach (var t in warned) writer.WriteLine($"warning: {t.Server}: {t.Warning}");
        if (warned.Count > 0) writer.WriteLine();
        var failed = result.Targets.Where(t => !t.Ok).ToList();
        var sent = result.Targets.Sum(t => t.Result?.BytesSent ?? 0);
        var ok = result.Targets.Count - failed.Count;
        if (result.DryRun) writer.WriteLine($"Dry run on {Human.Count(result.Targets.Count, "server")} in {Human.Seconds(result.Seconds)}. Run without --dry-run to apply.");
        else writer.WriteLine($"{(failed.Count == 0 ? "Sync complete" : "Sync FAILED")}: {ok} of {result.Targets.Count} servers in sync, "
            + $"{Human.Bytes(sent)} sent{FromHere(result)} in {Human.Seconds(result.Seconds)}" + (failed.Count == 0 ? "" : $"; failed: {string.Join(", ", failed.Select(f => f.Server))}"));
        foreach (var f in failed) writer.WriteLine($"- {f.Server}: {f.Failure!.Line}");
        if (retryCommand is not null) writer.WriteLine($"To retry the failed: `{retryCommand}`");
    }

    /// <summary>One word or a few for the Status column; a failure's message follows the table.</summary>
    public static string Status(TargetOutcome<TransferResult> t) => t switch
    {
        { Failure: { } f } => $"FAILED (exit {f.ExitCode})",
        { Result: { DryRun: true } r } => $"would send {r.Plan.DescribeToSend()} ({Human.Bytes(r.Plan.BytesToSend)}), delete {r.Plan.ToRemove.Count()}{(r.Plan.NeedsDelete ? " (needs --delete)" : "")}",
        { Result.Published: true } => "published",
        _ => "already up to date",
    };

    /// <summary>With a relay, how much of what was sent left this machine: the rest went server to server.</summary>
    private static string FromHere(FleetPushResult result) => !result.Relayed ? ""
        : $" ({Human.Bytes(result.Targets.Where(t => t.CopiedFrom is null).Sum(t => t.Result?.BytesSent ?? 0))} from this machine)";

    /// <summary>Where a relayed server's copy came from, or with <c>--dry-run</c> would come from.</summary>
    public static string From(TargetOutcome<TransferResult> t, bool dryRun) => (t.CopiedFrom, dryRun) switch
    {
        ({ } source, false) => $"copied from {source}",
        ({ } source, true) => $"would be copied from {source}",
        (null, false) => "pushed from this machine",
        (null, true) => "would be pushed from this machine",
    };

    private static PushStatus JsonStatus(TargetOutcome<TransferResult> t) => t switch
    {
        { Failure.ExitCode: Errors.ExitCodes.VerificationFailed } => PushStatus.VerificationFailed,
        { Failure.ExitCode: Errors.ExitCodes.Interrupted } => PushStatus.Interrupted,
        { Failure: not null } => PushStatus.Failed,
        { Result.DryRun: true } => PushStatus.DryRun,
        { Result.Published: true } => PushStatus.Published,
        _ => PushStatus.UpToDate,
    };

    public static PushFleetJson Json(FleetPushResult r, string? retryCommand, ListBound bound = default) => new()
    {
        Command = "push",
        Source = r.Source,
        Strategy = r.Strategy,
        Relay = r.Relayed,
        DryRun = r.DryRun,
        Seconds = Math.Round(r.Seconds, 3),
        Ok = r.ExitCode == 0,
        ExitCode = r.ExitCode,
        Servers = [.. r.Targets.Select(t => new PushedServerJson
        {
            Server = t.Server,
            Target = t.Target.ToString(),
            Status = JsonStatus(t),
            ExitCode = t.Failure?.ExitCode ?? 0,
            Seconds = Math.Round(t.Seconds, 3),
            // The exit code is the server's own, above: the error is just what went wrong.
            Error = t.Failure is { } f ? new PushFailureJson { Message = f.Message, Fix = f.Fix } : null,
            CopiedFrom = t.CopiedFrom,
            Warning = t.Warning,
            Result = t.Result is null ? null : TransferReport.Json(t.Result, bound),
        })],
        Failed = [.. r.Failed.Select(f => f.Alias)],
        RetryCommand = retryCommand,
    };
}

using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Reporting.Json;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary><c>diff</c> against several servers: one summary row per server and the one push that brings them all in sync.</summary>
public static class FleetDiffReport
{
    public static void Write(TextWriter writer, string local, bool checksum, IReadOnlyList<TargetOutcome<DiffResult>> outcomes)
    {
        writer.WriteLine($"## Sync Status: {Printable.Name(Path.GetFileName(local.TrimEnd('/')))} on {Human.Count(outcomes.Count, "server")}");
        writer.WriteLine($"Local: {Printable.Name(local)}");
        writer.WriteLine($"Compared by: {(checksum ? string.Join(", ", HashesUsed(outcomes)) + " of content" : "size and modification time")}");
        writer.WriteLine();
        var table = new MarkdownTable("Server", "Remote", "Same", "New", "Modified", "Remote-only", "Status");
        foreach (var o in outcomes)
        {
            if (o.Result is not { } r)
            {
                table.Add(o.Server, o.Target.ToString(), "—", "—", "—", "—", $"FAILED (exit {o.Failure!.ExitCode})");
                continue;
            }
            var c = DiffReport.Counts(r.Plan);
            table.Add(o.Server, r.Remote, $"{c.Same}", $"{c.New}", $"{c.Modified}", $"{c.RemoteOnly}", Status(r));
        }
        table.WriteTo(writer);
        writer.WriteLine();
        foreach (var failed in outcomes.Where(o => !o.Ok)) writer.WriteLine($"- {failed.Server}: {failed.Failure!.Line}");
        var command = PushCommand(local, outcomes);
        writer.WriteLine(command is null ? "In sync on every server reached: nothing to push." : $"To sync: `{command}`");
    }

    private static bool NeedsPush(DiffResult r)
    {
        var c = DiffReport.Counts(r.Plan);
        return c.New + c.Modified > 0;
    }

    private static string Status(DiffResult r) =>
        !r.RemoteExists ? "not there yet"
        : NeedsPush(r) ? $"{DiffReport.Counts(r.Plan).New + DiffReport.Counts(r.Plan).Modified} to push"
        : "in sync";

    /// <summary>One push for every server that differs; null when none does.</summary>
    public static string? PushCommand(string local, IReadOnlyList<TargetOutcome<DiffResult>> outcomes)
    {
        var behind = outcomes.Where(o => o.Result is { } r && NeedsPush(r)).Select(o => o.Result!).ToList();
        return behind.Count == 0 ? null : ToolName.Command + " push " + ShellWords.Join([local, .. behind.Select(r => r.Spec)])
            + (behind.Any(r => r.Plan.NeedsDelete) ? " --delete" : ""); // a kind change is refused without it (see DiffOperation)
    }

    public static DiffFleetJson Json(string local, bool checksum, IReadOnlyList<TargetOutcome<DiffResult>> outcomes, ListBound bound = default) => new()
    {
        Local = local,
        ComparedBy = checksum ? string.Join(",", HashesUsed(outcomes)) : "size_mtime",
        Servers = [.. outcomes.Select(o => new DiffedServerJson
        {
            Server = o.Server,
            Ok = o.Ok,
            Error = o.Failure is { } f ? ErrorJson.From(f.ExitCode, f.Message, f.Fix) : null,
            Diff = o.Result is null ? null : DiffReport.Json(o.Result, bound),
        })],
        PushCommand = PushCommand(local, outcomes),
    };

    /// <summary>The hash each reached server was compared by (sha256 where --hash fell back): usually one.</summary>
    private static List<string> HashesUsed(IReadOnlyList<TargetOutcome<DiffResult>> outcomes)
    {
        var used = outcomes.Select(o => o.Result?.Algorithm).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        return used.Count > 0 ? used : ["sha256"];
    }
}

using System.Text.Json.Nodes;
using ModelSync.Manifests;
using ModelSync.Operations;
using ModelSync.Planning;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>diff</c>.</summary>
public static class DiffReport
{
    public static string StatusName(EntryStatus status) => status switch
    {
        EntryStatus.Same => "same",
        EntryStatus.New => "new",
        EntryStatus.Modified => "modified",
        _ => "remote-only",
    };

    /// <summary>Files and links, plus directories only where they are empty and differ (else their files say it all).</summary>
    public static IEnumerable<PlannedEntry> Shown(TransferPlan plan) =>
        plan.Entries.Where(e => e.Kind != EntryKind.Directory
            || (e.Status != EntryStatus.Same && !plan.Entries.Any(o => o.Path.StartsWith(e.Path + "/", StringComparison.Ordinal))));

    public static void Write(TextWriter writer, DiffResult result)
    {
        writer.WriteLine($"## Sync Status: {Printable.Name(result.Name)}");
        writer.WriteLine($"Local: {Printable.Name(result.Local)}");
        writer.WriteLine($"Remote: {Printable.Name(result.Remote)}{(result.RemoteExists ? "" : " (not there yet)")}");
        if (result.Resolved is { } resolved) writer.WriteLine($"Resolved: {resolved.Describe()}");
        writer.WriteLine($"Compared by: {(result.Algorithm is { } hash ? hash + " of content" : "size and modification time")}");
        writer.WriteLine();
        var table = new MarkdownTable("File", "Local", "Remote", "Status");
        foreach (var e in Shown(result.Plan))
            table.Add(e.Path.Length == 0 ? result.Name : e.Path, Size(e.Source), Size(e.Target), StatusName(e.Status));
        table.WriteTo(writer);
        writer.WriteLine();
        var counts = Counts(result.Plan);
        writer.WriteLine($"Summary: {counts.Same} same, {counts.New} new, {counts.Modified} modified, {counts.RemoteOnly} remote-only");
        writer.WriteLine(counts.New + counts.Modified == 0
            ? "In sync: nothing to push."
            : $"To sync: `{result.PushCommand}`");
    }

    private static string Size(TreeEntry? entry) => entry switch
    {
        null => "—",
        { Kind: EntryKind.Directory } => "dir",
        { Kind: EntryKind.Symlink } => "→ " + entry.LinkTarget,
        _ => Human.Bytes(entry.Size),
    };

    public static (int Same, int New, int Modified, int RemoteOnly) Counts(TransferPlan plan)
    {
        var shown = Shown(plan).ToList();
        return (shown.Count(e => e.Status == EntryStatus.Same), shown.Count(e => e.Status == EntryStatus.New),
            shown.Count(e => e.Status == EntryStatus.Modified), shown.Count(e => e.Status == EntryStatus.TargetOnly));
    }

    public static JsonObject Json(DiffResult r)
    {
        var counts = Counts(r.Plan);
        return new JsonObject
        {
            ["name"] = r.Name,
            ["local"] = r.Local,
            ["remote"] = r.Remote,
            ["remote_exists"] = r.RemoteExists,
            ["resolved_from"] = r.Resolved?.Selector,
            ["compared_by"] = r.Algorithm ?? "size_mtime",
            ["warnings"] = JsonOutput.Array(r.Warnings),
            ["entries"] = JsonOutput.Array(Shown(r.Plan), e => new JsonObject
            {
                ["path"] = e.Path,
                ["kind"] = JsonOutput.Name(e.Kind),
                ["local_bytes"] = e.Source?.Size,
                ["remote_bytes"] = e.Target?.Size,
                ["status"] = StatusName(e.Status),
                ["reason"] = e.Reason,
            }),
            ["summary"] = new JsonObject { ["same"] = counts.Same, ["new"] = counts.New, ["modified"] = counts.Modified, ["remote_only"] = counts.RemoteOnly },
            ["push_command"] = r.PushCommand,
        };
    }
}

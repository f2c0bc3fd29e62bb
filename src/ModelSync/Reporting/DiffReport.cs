using ModelSync.Manifests;
using ModelSync.Operations;
using ModelSync.Planning;
using ModelSync.Reporting.Json;
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

    /// <summary>The rows a report lists: those that differ, or with <c>--files</c> every one (unchanged files are otherwise only counted).</summary>
    public static IReadOnlyList<PlannedEntry> Listed(TransferPlan plan, ListBound bound) =>
        [.. Shown(plan).Where(e => bound.All || e.Status != EntryStatus.Same)];

    public static void Write(TextWriter writer, DiffResult result, ListBound bound = default)
    {
        writer.WriteLine($"## Sync Status: {Printable.Name(result.Name)}");
        writer.WriteLine($"Local: {Printable.Name(result.Local)}");
        writer.WriteLine($"Remote: {Printable.Name(result.Remote)}{(result.RemoteExists ? "" : " (not there yet)")}");
        if (result.Resolved is { } resolved) writer.WriteLine($"Resolved: {resolved.Describe()}");
        writer.WriteLine($"Compared by: {(result.Algorithm is { } hash ? hash + " of content" : "size and modification time")}");
        writer.WriteLine();
        var listed = Listed(result.Plan, bound);
        if (listed.Count > 0)
        {
            bound.WriteTable(writer, new MarkdownTable("File", "Local", "Remote", "Status"), listed,
                e => [e.Path.Length == 0 ? result.Name : e.Path, Size(e.Source), Size(e.Target), StatusName(e.Status)]);
            writer.WriteLine();
        }
        WriteResult(writer, result);
    }

    /// <summary>The counts and what to do next: all that <c>--quiet</c> prints.</summary>
    public static void WriteResult(TextWriter writer, DiffResult result)
    {
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

    public static DiffJson Json(DiffResult r, ListBound bound = default)
    {
        var counts = Counts(r.Plan);
        var listed = Listed(r.Plan, bound);
        return new DiffJson
        {
            Name = r.Name,
            Local = r.Local,
            Remote = r.Remote,
            RemoteExists = r.RemoteExists,
            ResolvedFrom = r.Resolved?.Selector,
            ComparedBy = r.Algorithm ?? "size_mtime",
            Warnings = r.Warnings,
            Entries = [.. bound.TakeForJson(listed).Select(e => new DiffEntryJson
            {
                Path = e.Path,
                Kind = e.Kind,
                LocalBytes = e.Source?.Size,
                RemoteBytes = e.Target?.Size,
                Status = JsonStatus(e.Status),
                Reason = e.Reason,
            })],
            EntriesTotal = listed.Count,
            EntriesTruncated = bound.TruncatedInJson(listed.Count),
            Summary = new DiffSummaryJson { Same = counts.Same, New = counts.New, Modified = counts.Modified, RemoteOnly = counts.RemoteOnly },
            PushCommand = r.PushCommand,
        };
    }

    private static DiffStatus JsonStatus(EntryStatus status) => status switch
    {
        EntryStatus.Same => DiffStatus.Same,
        EntryStatus.New => DiffStatus.New,
        EntryStatus.Modified => DiffStatus.Modified,
        _ => DiffStatus.RemoteOnly,
    };
}

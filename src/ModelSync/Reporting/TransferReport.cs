using ModelSync.Manifests;
using ModelSync.Operations;
using ModelSync.Planning;
using ModelSync.Reporting.Json;
using ModelSync.Resolve;
using ModelSync.Text;
using ModelSync.Transfer;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>push</c> and <c>pull</c>.</summary>
public static class TransferReport
{
    public static void WriteHeader(TextWriter writer, Direction direction, Endpoint source, Endpoint target, bool dryRun)
    {
        var server = direction == Direction.Pull ? source.Remote : target.Remote;
        writer.WriteLine(direction == Direction.Copy
            ? $"Copying from {source.Remote.Alias.Name} ({Where(source.Remote)}) to {target.Remote.Alias.Name} ({Where(target.Remote)})..."
            : $"Syncing {(direction == Direction.Pull ? "from" : "to")} {server.Alias.Name} ({Where(server)})...");
        writer.WriteLine($"Source: {Printable.Name(source.Display)}");
        writer.WriteLine($"Target: {Printable.Name(target.Display)}");
        if (source.Resolved is { } resolved) writer.WriteLine($"Resolved: {resolved.Describe()}");
        if (dryRun) return;
        writer.WriteLine();
        writer.WriteLine("## Transfer Progress");
    }

    private static string? Where(Remotes.IRemote remote) =>
        remote.MountedFrom is not null ? "local mount" : remote.Alias.IsLocal ? "this machine" : remote.Alias.Host;

    public static string Item(RsyncItem item) =>
        item.Deleted ? $"- deleted {Printable.Name(item.Path)}" : $"- {Printable.Name(item.Path)} ({Human.Bytes(item.Size)})";

    public static void WriteResult(TextWriter writer, TransferResult result, ListBound bound = default)
    {
        writer.WriteLine();
        if (result.DryRun)
        {
            WritePlan(writer, result, bound);
            return;
        }
        writer.WriteLine("## Result");
        var table = new MarkdownTable("Metric", "Value")
            .Add("Files", $"{result.Files}")
            .Add("Size", Human.Bytes(result.Bytes))
            .Add("Sent", $"{Human.Bytes(result.BytesSent)} over the wire ({Human.Bytes(result.BytesAlreadyThere)} already there)");
        if (result.Basis is { } basis) table.Add("Basis", BasisReport.Row(basis));
        table
            .Add("Time", Human.Seconds(result.Seconds))
            .Add("Speed", Human.Rate(result.BytesSent, result.Seconds))
            .Add("Verified", Verified(result.Verification))
            .Add("Transport", result.Transport)
            .WriteTo(writer);
        writer.WriteLine();
        writer.WriteLine(result.Verification.Status == VerifyStatus.Failed
            ? $"Sync FAILED: {Human.Count(result.Verification.Mismatched.Count, "file")} differ{(result.Verification.Mismatched.Count == 1 ? "s" : "")} after transfer; {Printable.Name(result.Target)} was not changed. Rerun to retry."
            : result.Published ? "Sync complete" : "Sync complete (already up to date)");
    }

    public static string Verified(VerificationOutcome v) => v.Status switch
    {
        VerifyStatus.Verified => $"yes ({v.Files} file{(v.Files == 1 ? "" : "s")}, {v.Algorithm}{(v.Resent > 0 ? $", {v.Resent} re-sent" : "")}"
            + (v.HashedNow >= v.Files ? ""
                : v.HashedNow == 0 ? "; all unchanged since the last verified push"
                : $"; {v.HashedNow} hashed now, {v.Files - v.HashedNow} unchanged since the last verified push")
            + (v.MatchedBySizeAndMtime > 0 ? $"; {Human.Count(v.MatchedBySizeAndMtime, "local file")} matched by size and mtime, not read" : "") + ")",
        VerifyStatus.Failed => "no — " + string.Join(", ", v.Mismatched.Take(10)) + (v.Mismatched.Count > 10 ? $" and {v.Mismatched.Count - 10} more" : ""),
        _ => "skipped",
    };

    private static void WritePlan(TextWriter writer, TransferResult result, ListBound bound)
    {
        writer.WriteLine("## Plan (dry run: nothing was changed)");
        IReadOnlyList<PlannedEntry> planned = [.. result.Plan.Entries.Where(e => e.WillSend || e.Removes || (e.Status != EntryStatus.Same && e.Kind == EntryKind.Directory))];
        if (planned.Count > 0)
            bound.WriteTable(writer, new MarkdownTable("File", "Size", "Action", "Reason"), planned,
                entry => [Display(entry.Path), Human.Bytes(entry.Source?.Size ?? entry.Target?.Size ?? 0), Action(entry), entry.Reason]);
        else writer.WriteLine("Nothing to send: the target is up to date.");
        writer.WriteLine();
        if (result.Basis is { } basis) writer.WriteLine(BasisReport.PlanLine(basis));
        writer.WriteLine($"Would send {result.Plan.DescribeToSend()} ({Human.Bytes(result.Plan.BytesToSend)}) and delete {result.Plan.ToRemove.Count()}. "
            + (result.Plan.NeedsDelete
                ? "Needs --delete: a directory and a file trade places, removing what is listed; run with --delete --yes to apply."
                : "Run without --dry-run to apply."));
    }

    private static string Action(PlannedEntry entry) => entry switch
    {
        { Delete: true } => "delete",
        { ReplacesKind: true } => "replace",
        { Status: EntryStatus.New } => "send (new)",
        { Status: EntryStatus.Modified } => "send (update)",
        _ => "create",
    };

    private static string Display(string path) => path.Length == 0 ? "(the file itself)" : path;

    public static TransferJson Json(TransferResult r, ListBound bound = default)
    {
        IReadOnlyList<PlannedEntry> changes = [.. r.Plan.Entries.Where(e => e.WillSend || e.Removes)];
        return new TransferJson
        {
            Command = r.Direction.Command(),
            Source = r.Source,
            Target = r.Target,
            Server = r.Server,
            DryRun = r.DryRun,
            Files = r.Files,
            Bytes = r.Bytes,
            BytesSent = r.BytesSent,
            BytesAlreadyThere = r.BytesAlreadyThere,
            Seconds = Math.Round(r.Seconds, 3),
            Verified = r.Verification.Status == VerifyStatus.Verified,
            Verification = Json(r.Verification, bound),
            Published = r.Published,
            Transport = r.Transport,
            Basis = BasisReport.Json(r.Basis),
            ResolvedFrom = r.ResolvedFrom,
            Warnings = r.Warnings,
            Changes = [.. bound.TakeForJson(changes).Select(e => new ChangeJson
            {
                Path = e.Path,
                Action = e.Delete ? ChangeAction.Delete : e.ReplacesKind ? ChangeAction.Replace : e.Status == EntryStatus.New ? ChangeAction.New : ChangeAction.Modified,
                Bytes = e.Source?.Size ?? e.Target?.Size ?? 0,
                Reason = e.Reason,
            })],
            ChangesTotal = changes.Count,
            ChangesTruncated = bound.TruncatedInJson(changes.Count),
        };
    }

    private static VerificationJson Json(VerificationOutcome v, ListBound bound) => new()
    {
        Status = v.Status,
        Files = v.Files,
        Algorithm = v.Algorithm,
        Mismatched = bound.TakeForJson(v.Mismatched),
        MismatchedTotal = v.Mismatched.Count,
        Resent = v.Resent,
        HashedNow = v.HashedNow,
        SourceHashedNow = v.SourceHashedNow,
        MatchedBySizeAndMtime = v.MatchedBySizeAndMtime,
    };
}

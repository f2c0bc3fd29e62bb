using ModelSync.Operations;
using ModelSync.Reporting.Json;
using ModelSync.Text;
using ModelSync.Versioning;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>prune</c>: every version with its fate, then the space freed.</summary>
public static class PruneReport
{
    public static void Write(TextWriter writer, PruneResult result)
    {
        writer.WriteLine($"## Prune {Printable.Name(result.Model)} on {result.Server}{(result.DryRun ? " (dry run)" : "")}");
        writer.WriteLine($"Model base: {Printable.Name(result.ModelBase)}");
        writer.WriteLine();
        WriteBody(writer, result);
    }

    /// <summary>The table of versions and what became of them, then the space freed: one server's share of a report.</summary>
    public static void WriteBody(TextWriter writer, PruneResult result)
    {
        var table = new MarkdownTable("Name", "Size", "Modified", "Action");
        foreach (var e in result.Entries)
            table.Add(e.Version.Name, Human.Bytes(e.Version.Info.Bytes), Human.Time(e.Version.Info.Modified), Action(e));
        table.WriteTo(writer);
        writer.WriteLine();
        var gone = result.Entries.Count(e => e.Frees);
        var skipped = Skipped(result);
        var leftovers = RemovedLeftovers(result);
        var alsoLeftovers = leftovers == 0 ? "" : $" and {Human.Count(leftovers, "previous version")} a publish left";
        writer.WriteLine(result.DryRun
            ? $"Would remove {Versions(gone)}{alsoLeftovers}, freeing {Human.Bytes(result.FreedBytes)}; would keep {result.Count(PruneFate.Kept)}. Nothing was changed (--dry-run)."
            : $"Removed {Versions(gone)}{alsoLeftovers}, freed {Human.Bytes(result.FreedBytes)}; kept {result.Count(PruneFate.Kept)}.");
        if (skipped > 0) writer.WriteLine($"Skipped {Versions(skipped)} a push is at work on; run the same command again once it is done.");
    }

    /// <summary>The previous versions a publish left that went (with a dry run: would go): their bytes are in <see cref="PruneResult.FreedBytes"/>.</summary>
    public static int RemovedLeftovers(PruneResult r) => r.Entries.Count(e => e.Leftover is { Frees: true });

    public static int Skipped(PruneResult r) => r.Count(PruneFate.Locked) + r.Count(PruneFate.BeingPublished);

    public static string Versions(int count) => count == 1 ? "1 version" : $"{count} versions";

    private static string Action(PruneEntry e) => VersionAction(e) + e.Leftover switch
    {
        null => "",
        { Fate: LeftoverFate.WouldRemove } l => $"; would remove the previous version a publish left ({Human.Bytes(l.Bytes)})",
        { Fate: LeftoverFate.Removed } l => $"; removed the previous version a publish left ({Human.Bytes(l.Bytes)})",
        { Fate: LeftoverFate.Left } => "; the previous version a publish left cannot be removed (see the warning)",
        _ => "; the previous version a publish left is kept while a push is at work",
    };

    private static string VersionAction(PruneEntry e) => e.Fate switch
    {
        PruneFate.Kept => "keep",
        PruneFate.WouldRemove => "would remove" + Stale(e.StaleLock, "would break"),
        PruneFate.Removed => "removed" + Stale(e.StaleLock, "broke"),
        PruneFate.Locked => e.Holder is null ? "skipped: locked" : $"skipped: locked by {e.Holder}",
        PruneFate.BeingPublished => "skipped: being published",
        _ => "already gone",
    };

    /// <summary>A stale lock, as a push judges one (too old, or its process gone from this machine): removing the version breaks it.</summary>
    private static string Stale(VersionLock? found, string verb) => found is null ? ""
        : $" ({verb} a stale lock, {LeftBehindReport.Age(found.Age)} old{(found.Holder is null ? "" : $", held by {found.Holder}")})";

    public static PruneJson Json(PruneResult r) => new()
    {
        Server = r.Server,
        ModelBase = r.ModelBase,
        Model = r.Model,
        Keep = r.Keep,
        DryRun = r.DryRun,
        Versions = [.. r.Entries.Select(e => new PrunedVersionJson
        {
            Name = e.Version.Name,
            Bytes = e.Version.Info.Bytes,
            Files = e.Version.Info.Files,
            Modified = e.Version.Info.Modified,
            Fate = e.Fate,
            Holder = e.Holder ?? e.StaleLock?.Holder,
            StaleLock = e.StaleLock is not null,
            PreviousLeft = e.Leftover is { } l ? new PreviousLeftoverJson { Name = l.Name, Bytes = l.Bytes, Fate = l.Fate, Why = l.Why } : null,
        })],
        Kept = r.Count(PruneFate.Kept),
        Removed = r.Entries.Count(e => e.Frees),
        RemovedLeftovers = RemovedLeftovers(r),
        Skipped = Skipped(r),
        FreedBytes = r.FreedBytes,
    };
}

using ModelSync.Manifests;

namespace ModelSync.Planning;

/// <summary><paramref name="HashName"/>: the hash the given hashes are of, named in the reasons.</summary>
public sealed record PlanOptions(bool Delete = false, string HashName = "sha256");

/// <summary>Pure: compares two listings and decides, per path, what a sync would do and why.</summary>
public static class Planner
{
    /// <summary>
    /// <paramref name="target"/> null means nothing is there yet. Hashes, when given for both sides, decide
    /// equality by content; otherwise size and mtime decide, as rsync's quick check does, but below the second
    /// too where both sides keep it (<see cref="Mtimes"/>).
    /// </summary>
    public static TransferPlan Plan(
        TreeListing source,
        TreeListing? target,
        PlanOptions options,
        IReadOnlyDictionary<string, string>? sourceHashes = null,
        IReadOnlyDictionary<string, string>? targetHashes = null)
    {
        var targetByPath = (target?.Entries ?? []).ToDictionary(e => e.Path, StringComparer.Ordinal);
        var entries = new List<PlannedEntry>();
        foreach (var source1 in source.Entries)
        {
            targetByPath.Remove(source1.Path, out var existing);
            var (status, reason) = Compare(source1, existing, sourceHashes, targetHashes, options.HashName);
            entries.Add(new PlannedEntry(source1.Path, source1.Kind, status, reason, source1, existing, false));
        }
        var sourceNonDirectories = source.Entries.Where(e => e.Kind != EntryKind.Directory).Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var extra in targetByPath.Values)
        {
            // A directory the source replaces with a file or link cannot keep its contents.
            var displaced = Ancestors(extra.Path).Any(sourceNonDirectories.Contains);
            var delete = options.Delete || displaced;
            var reason = displaced ? "its directory is replaced by a file: deleted"
                : options.Delete ? "not in source: deleted (--delete)"
                : "not in source: kept (no --delete)";
            entries.Add(new PlannedEntry(extra.Path, extra.Kind, EntryStatus.TargetOnly, reason, null, extra, delete));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new TransferPlan(entries);
    }

    /// <summary>The one place that decides whether a path needs sending, and says why.</summary>
    public static (EntryStatus Status, string Reason) Compare(
        TreeEntry source,
        TreeEntry? target,
        IReadOnlyDictionary<string, string>? sourceHashes = null,
        IReadOnlyDictionary<string, string>? targetHashes = null,
        string hashName = "sha256")
    {
        if (target is null) return (EntryStatus.New, "not on target");
        if (source.Kind != target.Kind)
            return (EntryStatus.Modified, $"was a {Describe(target.Kind)}, now a {Describe(source.Kind)}");
        switch (source.Kind)
        {
            case EntryKind.Directory:
                return (EntryStatus.Same, "directory exists");
            case EntryKind.Symlink:
                return source.LinkTarget == target.LinkTarget
                    ? (EntryStatus.Same, "same link target")
                    : (EntryStatus.Modified, $"link target {target.LinkTarget} → {source.LinkTarget}");
        }
        if (source.Size != target.Size) return (EntryStatus.Modified, $"size {target.Size} → {source.Size}");
        if (sourceHashes is not null && targetHashes is not null)
        {
            var same = sourceHashes.TryGetValue(source.Path, out var a) && targetHashes.TryGetValue(source.Path, out var b) && a == b;
            return same ? (EntryStatus.Same, $"same {hashName}") : (EntryStatus.Modified, $"content differs ({hashName})");
        }
        return source.SameMtime(target)
            ? (EntryStatus.Same, "same size and mtime")
            : (EntryStatus.Modified, "same size, different mtime");
    }

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            yield return path[..slash];
    }

    private static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.Directory => "directory",
        EntryKind.Symlink => "symlink",
        _ => "file",
    };
}

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
    /// too where both sides keep it (<see cref="Mtimes"/>). Files equal in content whose permission bits differ are
    /// sent too, with that as their reason: rsync's <c>-p</c> carries the mode, and so must a plan. A directory and a
    /// file (or link) trading places, at the root or below it, removes what the target has there: such a plan lists
    /// it and, without --delete, is marked <see cref="TransferPlan.NeedsDelete"/>.
    /// </summary>
    public static TransferPlan Plan(
        TreeListing source,
        TreeListing? target,
        PlanOptions options,
        IReadOnlyDictionary<string, string>? sourceHashes = null,
        IReadOnlyDictionary<string, string>? targetHashes = null)
    {
        var targetByPath = (target?.Entries ?? []).ToDictionary(e => e.Path, StringComparer.Ordinal);
        // A directory root has no entry of its own; a file replacing it is compared against one, so the plan says so.
        if (target?.RootKind == EntryKind.Directory && source.RootKind != EntryKind.Directory)
            targetByPath[""] = new TreeEntry("", EntryKind.Directory, 0, 0);
        var needs = options.Delete ? "" : ", needs --delete";
        var entries = new List<PlannedEntry>();
        var sentModes = ModeKeeping.Recorded(target);
        foreach (var source1 in source.Entries)
        {
            targetByPath.Remove(source1.Path, out var existing);
            var (status, reason) = Compare(source1, existing is null ? null : ModeKeeping.AsSent(source1, existing, sentModes), sourceHashes, targetHashes, options.HashName);
            var entry = new PlannedEntry(source1.Path, source1.Kind, status, reason, source1, existing, false);
            entries.Add(entry.ReplacesKind ? entry with { Reason = $"{reason}: what was there is removed{needs}" } : entry);
        }
        var sourceNonDirectories = source.Entries.Where(e => e.Kind != EntryKind.Directory).ToDictionary(e => e.Path, StringComparer.Ordinal);
        var rootReplaced = target is not null && (target.RootKind == EntryKind.Directory) != (source.RootKind == EntryKind.Directory);
        foreach (var extra in targetByPath.Values)
        {
            // A directory the source replaces with a file or link cannot keep its contents, nor a target the source replaces whole.
            var displacedBy = Ancestors(extra.Path).Select(a => sourceNonDirectories.GetValueOrDefault(a)).FirstOrDefault(e => e is not null);
            var reason = rootReplaced ? $"the target {Describe(target!.RootKind)} is replaced by a {Describe(source.RootKind)}: deleted{needs}"
                : displacedBy is not null ? $"its directory {displacedBy.Path} is replaced by a {Describe(displacedBy.Kind)}: deleted{needs}"
                : options.Delete ? "not in source: deleted (--delete)"
                : "not in source: kept (no --delete)";
            entries.Add(new PlannedEntry(extra.Path, extra.Kind, EntryStatus.TargetOnly, reason, null, extra, options.Delete || rootReplaced || displacedBy is not null));
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new TransferPlan(entries) { NeedsDelete = !options.Delete && entries.Any(e => e.Removes) };
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
            if (!same) return (EntryStatus.Modified, $"content differs ({hashName})");
            return source.ModeDiffers(target) ? ModeChange(source, target) : (EntryStatus.Same, $"same {hashName}");
        }
        if (!source.SameMtime(target)) return (EntryStatus.Modified, "same size, different mtime");
        return source.ModeDiffers(target) ? ModeChange(source, target) : (EntryStatus.Same, "same size and mtime");
    }

    /// <summary>Only the permission bits differ: still sent, so the mode arrives (and in a fresh inode, see <see cref="TreeEntry.ModeDiffers"/>).</summary>
    private static (EntryStatus, string) ModeChange(TreeEntry source, TreeEntry target) =>
        (EntryStatus.Modified, $"mode {FileModes.Format(target.Mode!.Value)} → {FileModes.Format(source.Mode!.Value)}");

    private static IEnumerable<string> Ancestors(string path)
    {
        for (var slash = path.LastIndexOf('/'); slash > 0; slash = path.LastIndexOf('/', slash - 1))
            yield return path[..slash];
    }

    internal static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.Directory => "directory",
        EntryKind.Symlink => "symlink",
        _ => "file",
    };
}

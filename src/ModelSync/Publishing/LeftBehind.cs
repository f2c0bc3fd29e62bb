using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.Publishing;

/// <summary>PreviousVersion: the version a finished publish replaced but could not remove (its target is in place).</summary>
public enum LeftBehindKind { Stage, Lock, PreviousVersion }

/// <summary>
/// A stage or lock a push or pull left under model_base: for a lock, who holds it; for a stage, the command that made
/// it (its resume record, or the lock still held beside it), null when neither says. <see cref="Since"/>: the entry's
/// own mtime, as a lock's age is judged.
/// </summary>
public sealed record LeftBehind(LeftBehindKind Kind, string Target, long Bytes, DateTimeOffset Since, LockHolder? Holder);

/// <summary>
/// Finds what interrupted commands left in a listing of model_base. The listing already holds the hidden entries, so
/// only their holders cost a call, and only when there is a lock or a resume record to read.
/// </summary>
public static class LeftBehindScan
{
    private const string HolderFile = "holder";

    public static async Task<IReadOnlyList<LeftBehind>> FindAsync(IRemote server, TreeListing modelBase, CancellationToken cancellationToken)
    {
        var groups = modelBase.ControlEntries
            .GroupBy(e => e.Path.Split('/')[0], StringComparer.Ordinal)
            .Select(g => (Name: g.Key, Entries: g.ToList(), Parsed: StageNames.TryParse(g.Key, out var role, out var target) ? (role, target) : default))
            .Where(g => g.Parsed.role is "stage" or "lock" or "resume" || (g.Parsed.role == "old" && InPlace(modelBase, g.Parsed.target)))
            .ToList();
        string Path(string name) => PosixPath.Combine(server.ModelBase, name);
        var records = groups
            .Where(g => g.Parsed.role == "resume" || (g.Parsed.role == "lock" && g.Entries.Exists(e => e.Path == g.Name + "/" + HolderFile)))
            .Select(g => (g.Parsed.role, g.Parsed.target, Path: g.Parsed.role == "lock" ? Path(g.Name) + "/" + HolderFile : Path(g.Name)))
            .ToList();
        var holders = records.Count == 0 ? [] : await server.ReadHoldersAsync([.. records.Select(r => r.Path)], cancellationToken);
        LockHolder? HolderOf(string role, string target) =>
            records.Select((r, i) => (r, i)).Where(x => x.r.role == role && x.r.target == target).Select(x => holders[x.i]).FirstOrDefault();
        return [.. groups
            .Where(g => g.Parsed.role != "resume")
            .Select(g => g.Parsed.role == "lock"
                ? new LeftBehind(LeftBehindKind.Lock, g.Parsed.target, 0, Since(g.Name, g.Entries), HolderOf("lock", g.Parsed.target))
                : g.Parsed.role == "old"
                ? new LeftBehind(LeftBehindKind.PreviousVersion, g.Parsed.target, g.Entries.Where(e => e.Kind == EntryKind.File).Sum(e => e.Size), Since(g.Name, g.Entries), null)
                : new LeftBehind(LeftBehindKind.Stage, g.Parsed.target, g.Entries.Where(e => e.Kind == EntryKind.File).Sum(e => e.Size),
                    Since(g.Name, g.Entries), HolderOf("resume", g.Parsed.target) ?? HolderOf("lock", g.Parsed.target)))
            .OrderBy(l => l.Target, StringComparer.Ordinal)
            .ThenBy(l => l.Kind)];
    }

    /// <summary>
    /// Whether <paramref name="target"/> is in model_base's listing. Only then is its old name a previous version left
    /// behind: without it, a publish stopped between its two renames, and the old name holds the model's only copy.
    /// </summary>
    private static bool InPlace(TreeListing modelBase, string target) => modelBase.Entries.Any(e => e.Path == target);

    /// <summary>The entry's own mtime (a stage's files keep their source's); the newest inside when it is not listed.</summary>
    private static DateTimeOffset Since(string name, List<TreeEntry> entries) =>
        DateTimeOffset.FromUnixTimeSeconds((entries.Find(e => e.Path == name) ?? entries.MaxBy(e => e.ModifiedUnixSeconds)!).ModifiedUnixSeconds);
}

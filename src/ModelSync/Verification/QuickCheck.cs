using ModelSync.Manifests;

namespace ModelSync.Verification;

/// <summary>
/// rsync's quick check, carried over to hashes. A file on this machine whose size and mtime equal those of its
/// namesake on the server, where the server's manifest vouches for that file (the server file's own size and mtime
/// still match the manifest), takes the manifest's hash as its own without being read: what rsync would not send,
/// model-sync does not read. Such a hash says what the server holds and that this machine's file looks the same by
/// size and mtime, not what was read here; <c>--checksum</c> lends nothing, and every file is read.
/// </summary>
public static class QuickCheck
{
    /// <summary>
    /// The hashes files of <paramref name="here"/> take from the server's listing <paramref name="there"/>, whose
    /// files <paramref name="vouched"/> (the server's manifest) gives hashes for; none for a file <paramref name="own"/>
    /// already knows (this machine's side's own manifest), so a lent hash is one that saved a read.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Lent(TreeListing here, TreeListing? there, IReadOnlyDictionary<string, string>? vouched,
        IReadOnlyDictionary<string, string>? own = null)
    {
        var lent = new Dictionary<string, string>(StringComparer.Ordinal);
        if (there is null || vouched is null || vouched.Count == 0 || here.RootKind != there.RootKind) return lent;
        var theirs = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        foreach (var file in there.Files) theirs.TryAdd(file.Path, file);
        foreach (var file in here.Files)
        {
            if (own is not null && own.ContainsKey(file.Path)) continue;
            if (vouched.TryGetValue(file.Path, out var hash) && theirs.TryGetValue(file.Path, out var server) && SameSizeAndMtime(file, server))
                lent[file.Path] = hash;
        }
        return lent;
    }

    /// <summary>
    /// <see cref="Lent"/> for a stage on this machine: only to files that are still the live copy's own (the same
    /// inode, as the stage's hard-link seeding leaves them). A file a transfer wrote, now or in an interrupted run
    /// before, is a new inode with the server file's size and mtime, and must be read to be verified.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LentToSeeds(TreeListing stage, TreeListing? live, TreeListing? there,
        IReadOnlyDictionary<string, string>? vouched, IReadOnlyDictionary<string, string>? own = null)
    {
        if (live is null || live.RootKind != stage.RootKind) return new Dictionary<string, string>(StringComparer.Ordinal);
        var inodes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var file in live.Files) inodes.TryAdd(file.Path, file.Inode);
        var seeds = stage.Files.Where(f => f.Inode != 0 && inodes.TryGetValue(f.Path, out var inode) && inode == f.Inode).ToList();
        return Lent(stage with { Entries = seeds }, there, vouched, own);
    }

    /// <summary>What a side may take unread: its own manifest's hashes, then the lent ones; null when it may take none.</summary>
    public static IReadOnlyDictionary<string, string>? Join(IReadOnlyDictionary<string, string>? own, IReadOnlyDictionary<string, string> lent)
    {
        if (lent.Count == 0) return own;
        var joined = new Dictionary<string, string>(lent, StringComparer.Ordinal);
        foreach (var (path, hash) in own ?? new Dictionary<string, string>()) joined[path] = hash;
        return joined;
    }

    private static bool SameSizeAndMtime(TreeEntry here, TreeEntry there) => here.Size == there.Size && here.SameMtime(there);
}

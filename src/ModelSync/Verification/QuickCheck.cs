using ModelSync.Manifests;

namespace ModelSync.Verification;

/// <summary>
/// rsync's quick check, carried over to hashes. A file on this machine whose size and mtime equal those of its
/// namesake on the server, where the server's manifest vouches for that file (the server file's own size and mtime
/// still match the manifest), takes the manifest's hash as its own without being read: what rsync would not send,
/// model-sync does not read. Such a hash says what the server holds and that this machine's file looks the same by
/// size and mtime, not what was read here; <c>--checksum</c> lends nothing, and every file is read. Nor is a hash lent to
/// a file whose mtime is not older than the second the push that wrote the manifest began reading its source
/// (<see cref="ModelManifest.HashedFrom"/>, <see cref="Mtimes.Settled"/>): rewritten in that second, or later, with the
/// same size, it would look the same. A manifest that does not say when its hashes were taken lends nothing.
/// </summary>
public static class QuickCheck
{
    /// <summary>
    /// The hashes files of <paramref name="here"/> may take from the server's listing <paramref name="there"/>, whose
    /// files <paramref name="vouched"/> (what the server's manifest vouches for) gives hashes for. A lender of last
    /// resort: <see cref="TreeHasher"/> takes a hash from here only when neither a manifest of this side nor the hash cache has one.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Lent(TreeListing here, TreeListing? there, IReadOnlyDictionary<string, string>? vouched)
    {
        var lent = new Dictionary<string, string>(StringComparer.Ordinal);
        if (there is null || vouched is null || vouched.Count == 0 || here.RootKind != there.RootKind) return lent;
        var theirs = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        foreach (var file in there.Files) theirs.TryAdd(file.Path, file);
        if (there.Manifest?.HashedFrom is not { } recordedAt) return lent;
        foreach (var file in here.Files)
        {
            if (vouched.TryGetValue(file.Path, out var hash) && theirs.TryGetValue(file.Path, out var server) && SameSizeAndMtime(file, server)
                && Mtimes.Settled(file.ModifiedUnixSeconds, recordedAt))
                lent[file.Path] = hash;
        }
        return lent;
    }

    /// <summary>
    /// <see cref="Lent"/> for a stage on this machine: only to files that are still the live copy's own (the same
    /// inode, as the stage's hard-link seeding leaves them). A file a transfer wrote, now or in an interrupted run
    /// before, is a new inode with the server file's size and mtime, and must be read to be verified.
    /// </summary>
    public static IReadOnlyDictionary<string, string> LentToSeeds(TreeListing stage, TreeListing? live, TreeListing? there, IReadOnlyDictionary<string, string>? vouched)
    {
        if (live is null || live.RootKind != stage.RootKind) return new Dictionary<string, string>(StringComparer.Ordinal);
        var inodes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var file in live.Files) inodes.TryAdd(file.Path, file.Inode);
        var seeds = stage.Files.Where(f => f.Inode != 0 && inodes.TryGetValue(f.Path, out var inode) && inode == f.Inode).ToList();
        return Lent(stage with { Entries = seeds }, there, vouched);
    }

    private static bool SameSizeAndMtime(TreeEntry here, TreeEntry there) => here.Size == there.Size && here.SameMtime(there);
}

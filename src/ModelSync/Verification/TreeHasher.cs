using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.Verification;

/// <summary>The hashes of one tree, and how many had to be computed now rather than taken as known.</summary>
public sealed record TreeHashes(IReadOnlyDictionary<string, string> Hashes, int HashedNow)
{
    /// <summary>How many were lent (see <see cref="QuickCheck"/>): known neither to the caller's trusted hashes nor to the cache, and not read.</summary>
    public int Lent { get; init; }
}

/// <summary>
/// One hash function's value for every file of a listing, taking each from the cheapest source that can vouch for
/// it: hashes the caller trusts (a manifest of the same function whose size and mtime still match), then this
/// machine's hash cache, then hashes lent by the quick check (<see cref="QuickCheck"/>), and only then reading the
/// file where it lives.
/// With <paramref name="requests"/>, identical requests for a tree on this machine made during one command share
/// one reading.
/// </summary>
public sealed class TreeHasher(HashCache? cache, HashRequests? requests = null)
{
    /// <summary>The same hasher without the cache (<c>--checksum</c>): every file is read, but still once per command.</summary>
    public TreeHasher WithoutCache() => new(null, requests);

    public Task<TreeHashes> HashAsync(IRemote remote, string root, TreeListing listing, IReadOnlyDictionary<string, string>? trusted, HashFunction function, CancellationToken cancellationToken) =>
        HashAsync(remote, root, listing, trusted, null, function, cancellationToken);

    /// <summary>As the other overload; a file neither <paramref name="trusted"/> nor the cache knows takes its hash from <paramref name="lent"/> when there.</summary>
    public Task<TreeHashes> HashAsync(IRemote remote, string root, TreeListing listing, IReadOnlyDictionary<string, string>? trusted, IReadOnlyDictionary<string, string>? lent,
        HashFunction function, CancellationToken cancellationToken) =>
        requests is not null && remote.Alias.IsLocal
            ? requests.JoinAsync(root, listing, trusted, lent, function, token => HashNowAsync(remote, root, listing, trusted, lent, function, token), cancellationToken)
            : HashNowAsync(remote, root, listing, trusted, lent, function, cancellationToken);

    private async Task<TreeHashes> HashNowAsync(IRemote remote, string root, TreeListing listing, IReadOnlyDictionary<string, string>? trusted, IReadOnlyDictionary<string, string>? lent,
        HashFunction function, CancellationToken cancellationToken)
    {
        // Before any byte is read: a file written in this second or later may change again unseen by its mtime (see Mtimes.Settled).
        var reading = DateTimeOffset.UtcNow;
        var files = listing.Files.ToList();
        var useCache = cache is not null && remote.Alias.IsLocal;
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        var lentUsed = 0;
        foreach (var file in files)
        {
            if (trusted is not null && trusted.TryGetValue(file.Path, out var vouched)) known[file.Path] = vouched;
            else if (useCache && cache!.Lookup(root, Absolute(root, file.Path), file, function) is { } cached) known[file.Path] = cached;
            else if (lent is not null && lent.TryGetValue(file.Path, out var borrowed))
            {
                known[file.Path] = borrowed;
                lentUsed++;
            }
        }
        var todo = files.Where(f => !known.ContainsKey(f.Path)).ToList();
        // Large files one per process, so the cores share them; small ones in big batches, so thousands of
        // tokenizer files cost tens of processes rather than thousands. Both run at once.
        var large = todo.Where(f => LargeFile.Is(f.Size)).Select(f => f.Path).ToList();
        var small = todo.Where(f => !LargeFile.Is(f.Size)).Select(f => f.Path).ToList();
        var batches = await Task.WhenAll(
            HashSomeAsync(remote, root, listing.RootKind, large, 1, function, cancellationToken),
            HashSomeAsync(remote, root, listing.RootKind, small, Math.Clamp(small.Count / 8, SmallBatch, 1000), function, cancellationToken));
        foreach (var file in todo)
        {
            if (!batches[0].TryGetValue(file.Path, out var hash) && !batches[1].TryGetValue(file.Path, out hash)) continue;
            known[file.Path] = hash;
            if (useCache && Mtimes.Settled(file.ModifiedUnixSeconds, reading)) cache!.Store(root, Absolute(root, file.Path), file, function, hash);
        }
        return new TreeHashes(known, todo.Count) { Lent = lentUsed };
    }

    /// <summary>The fewest files a batch of small ones holds.</summary>
    public const int SmallBatch = 16;

    private static async Task<IReadOnlyDictionary<string, string>> HashSomeAsync(IRemote remote, string root, EntryKind kind, List<string> paths, int batchSize, HashFunction function, CancellationToken cancellationToken) =>
        paths.Count == 0 ? new Dictionary<string, string>() : await remote.HashAsync(root, kind, paths, batchSize, function, cancellationToken);

    private static string Absolute(string root, string relative) => relative.Length == 0 ? root : PosixPath.Combine(root, relative);
}

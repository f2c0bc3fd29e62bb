using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.Verification;

/// <summary>The hashes of one tree, and how many had to be computed now rather than taken as known.</summary>
public sealed record TreeHashes(IReadOnlyDictionary<string, string> Hashes, int HashedNow);

/// <summary>
/// sha256 of every file of a listing, taking each from the cheapest source that can vouch for it: hashes the
/// caller trusts (a manifest whose size and mtime still match), then this machine's hash cache, and only then
/// reading the file where it lives.
/// </summary>
public sealed class TreeHasher(HashCache? cache)
{
    public async Task<TreeHashes> HashAsync(IRemote remote, string root, TreeListing listing, IReadOnlyDictionary<string, string>? trusted, CancellationToken cancellationToken)
    {
        var files = listing.Files.ToList();
        var useCache = cache is not null && remote.Alias.IsLocal;
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (trusted is not null && trusted.TryGetValue(file.Path, out var vouched)) known[file.Path] = vouched;
            else if (useCache && cache!.Lookup(Absolute(root, file.Path), file) is { } cached) known[file.Path] = cached;
        }
        var todo = files.Where(f => !known.ContainsKey(f.Path)).ToList();
        if (todo.Count > 0)
        {
            var only = todo.Count == files.Count ? null : todo.Select(f => f.Path).ToList();
            var hashed = await remote.HashAsync(root, listing.RootKind, only, cancellationToken);
            foreach (var file in todo)
            {
                if (!hashed.TryGetValue(file.Path, out var hash)) continue;
                known[file.Path] = hash;
                if (useCache) cache!.Store(Absolute(root, file.Path), file, hash);
            }
        }
        return new TreeHashes(known, todo.Count);
    }

    private static string Absolute(string root, string relative) => relative.Length == 0 ? root : PosixPath.Combine(root, relative);
}

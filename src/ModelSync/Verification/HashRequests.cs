using System.Globalization;
using System.Security.Cryptography;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.Verification;

/// <summary>
/// Joins identical requests to hash a tree on this machine within one command: a push to eight servers reads
/// its source once, not eight times, even when the eight ask at the same moment. A request is identified by the
/// hash function, the root and every file's path, inode, size and exact mtime, so a source that changed in between is hashed again.
/// The shared work stops when the last caller waiting for it gives up; a failed one is tried afresh next time.
/// </summary>
public sealed class HashRequests
{
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);

    private sealed class Pending(Task<TreeHashes> work, CancellationTokenSource stop)
    {
        public Task<TreeHashes> Work => work;

        public CancellationTokenSource Stop => stop;

        public int Waiters { get; set; }
    }

    public Task<TreeHashes> JoinAsync(string root, TreeListing listing, IReadOnlyDictionary<string, string>? trusted, HashFunction function,
        Func<CancellationToken, Task<TreeHashes>> hash, CancellationToken cancellationToken) =>
        JoinAsync(root, listing, trusted, null, function, hash, cancellationToken);

    /// <summary>As the other overload, for a request that also takes the hashes <paramref name="lent"/> by the quick check.</summary>
    public async Task<TreeHashes> JoinAsync(string root, TreeListing listing, IReadOnlyDictionary<string, string>? trusted, IReadOnlyDictionary<string, string>? lent,
        HashFunction function, Func<CancellationToken, Task<TreeHashes>> hash, CancellationToken cancellationToken)
    {
        var key = function.Name + "\0" + Key(root, listing, trusted, lent);
        Pending pending;
        lock (_pending)
        {
            if (!_pending.TryGetValue(key, out pending!) || pending.Work.IsFaulted || pending.Work.IsCanceled)
            {
                var stop = new CancellationTokenSource();
                pending = new Pending(Task.Run(() => hash(stop.Token), CancellationToken.None), stop);
                _pending[key] = pending;
            }
            pending.Waiters++;
        }
        try
        {
            return await pending.Work.WaitAsync(cancellationToken);
        }
        finally
        {
            lock (_pending)
            {
                pending.Waiters--;
                if (pending.Waiters == 0 && !pending.Work.IsCompletedSuccessfully)
                {
                    pending.Stop.Cancel();
                    if (_pending.TryGetValue(key, out var current) && ReferenceEquals(current, pending)) _pending.Remove(key);
                }
            }
        }
    }

    /// <summary>
    /// A digest of every field that identifies the request: for 20k files the fields themselves are megabytes,
    /// which a key string would hold for the whole command.
    /// </summary>
    private static string Key(string root, TreeListing listing, IReadOnlyDictionary<string, string>? trusted, IReadOnlyDictionary<string, string>? lent)
    {
        using var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string field)
        {
            digest.AppendData(PathBytes.Encode(field));
            digest.AppendData("\0"u8);
        }
        Add(root);
        Add(listing.RootKind.ToString());
        Add(trusted is null ? "-" : trusted.Count.ToString(CultureInfo.InvariantCulture));
        foreach (var file in listing.Files)
        {
            Add(file.Path);
            Add(file.Inode.ToString(CultureInfo.InvariantCulture));
            Add(file.Size.ToString(CultureInfo.InvariantCulture));
            Add(file.ModifiedExact);
            // Each target of a fleet push lends from its own server's manifest: what is lent is part of the answer.
            Add(lent is not null && lent.TryGetValue(file.Path, out var borrowed) ? borrowed : "-");
        }
        return Convert.ToHexString(digest.GetHashAndReset());
    }
}

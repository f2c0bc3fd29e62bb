using System.Security.Cryptography;
using System.Text;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Remotes;

namespace ModelSync.Tests.Support;

/// <summary>The tree of a <see cref="MemoryRemote"/>, for a test to build and inspect; none of these calls is recorded.</summary>
public sealed partial class MemoryRemote
{
    public MemoryRemote Dir(string path, long mtime = Entries.Time)
    {
        lock (_nodes)
        {
            MakeParents(path);
            _nodes[path] = Node.Directory(mtime);
        }
        return this;
    }

    public MemoryRemote File(string path, string content, long mtime = Entries.Time)
    {
        lock (_nodes)
        {
            MakeParents(path);
            _nodes[path] = Node.File(content, mtime);
        }
        return this;
    }

    /// <summary>
    /// Makes <paramref name="path"/> hold what <paramref name="listing"/> lists (sizes and times as listed, files without
    /// content; its manifest and root link too), or nothing for null, replacing whatever was there.
    /// </summary>
    public MemoryRemote Put(string path, TreeListing? listing)
    {
        lock (_nodes)
        {
            Remove(path);
            _rootLinks.Remove(path);
            if (listing is null) return this;
            MakeParents(path);
            if (listing.RootKind != EntryKind.Directory) _nodes[path] = Node.Of(listing.Entries[0]);
            else _nodes[path] = Node.Directory(Entries.Time);
            foreach (var entry in listing.RootKind == EntryKind.Directory ? listing.Entries : []) _nodes[path + "/" + entry.Path] = Node.Of(entry);
            if (listing.Manifest is { } manifest) _manifests[path] = manifest;
            if (listing.RootLink is { } link) _rootLinks[path] = link;
        }
        return this;
    }

    /// <summary>The content of the file at <paramref name="path"/>, or null when there is none.</summary>
    public string? Read(string path)
    {
        lock (_nodes) return _nodes.TryGetValue(path, out var node) && node.Kind == EntryKind.File ? node.Content : null;
    }

    public bool Exists(string path)
    {
        lock (_nodes) return _nodes.ContainsKey(path);
    }

    public ModelManifest? ManifestIn(string directory)
    {
        lock (_nodes) return _manifests.GetValueOrDefault(directory);
    }

    /// <summary>Leaves a manifest in <paramref name="directory"/> vouching for what it holds now, as a verified push would.</summary>
    public MemoryRemote Vouch(string directory)
    {
        var listing = ScanNow(directory) ?? throw new InvalidOperationException($"nothing at {directory}");
        var hashes = listing.Files.ToDictionary(f => f.Path, f => HashOf(Read(directory + "/" + f.Path)!), StringComparer.Ordinal);
        lock (_nodes) _manifests[directory] = ModelManifest.Create(listing, hashes, HashFunction.Sha256, "elsewhere", directory);
        return this;
    }

    /// <summary>Someone else holds the lock on <paramref name="target"/>, since <paramref name="age"/>, until <paramref name="tries"/> more tries to take it.</summary>
    public void HoldLock(string target, LockHolder holder, TimeSpan age, int tries = int.MaxValue)
    {
        lock (_nodes) _locks[target] = new HeldLock(holder, age, tries);
    }

    public bool IsLocked(string target)
    {
        lock (_nodes) return _locks.ContainsKey(target);
    }

    public static string HashOf(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>Copies the node at <paramref name="from"/> in <paramref name="source"/> to <paramref name="to"/> here, as rsync -lt would (links as links, times kept).</summary>
    public long CopyFrom(MemoryRemote source, string from, string to, string? replacedContent = null)
    {
        Node node;
        lock (source._nodes) node = source._nodes[from];
        node = node.Rewritten();
        if (replacedContent is not null) node = node with { Content = replacedContent, Size = Encoding.UTF8.GetByteCount(replacedContent) };
        lock (_nodes)
        {
            MakeParents(to);
            _nodes[to] = node;
        }
        return node.Kind == EntryKind.File ? node.Size : 0;
    }

    public void Remove(string path)
    {
        lock (_nodes)
        {
            foreach (var key in Below(path).ToList()) _nodes.Remove(key);
            _manifests.Remove(path);
        }
    }
}

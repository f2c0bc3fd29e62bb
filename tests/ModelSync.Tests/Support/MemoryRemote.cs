using System.Text;
using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Tests.Support;

/// <summary>One call made to a <see cref="MemoryRemote"/>: the operation (its member name less <c>Async</c>) and the path it was about.</summary>
public sealed record RemoteCall(string Operation, string Path);

/// <summary>
/// A place held in memory: a tree of files, directories and links under absolute paths, with the manifests written
/// into it and the locks taken on it, keeping the contract of <see cref="IRemote"/> as the real places do. Every call
/// is recorded in <see cref="Calls"/>. A file's hash is the sha256 of its content. Every node written is a new
/// inode; a stage seeded from its target shares the target's, as hard links do. The members that only a real
/// process can serve (streams, a user's command, doctor's questions) throw.
/// </summary>
public sealed partial class MemoryRemote(string name = "gpu", string modelBase = "/models", bool onThisMachine = false) : IRemote
{
    private sealed record Node(EntryKind Kind, string Content, long Size, long Mtime, string Exact, string? LinkTarget = null)
    {
        private static long s_lastInode;

        public long Inode { get; init; } = Interlocked.Increment(ref s_lastInode);

        public Node Rewritten() => this with { Inode = Interlocked.Increment(ref s_lastInode) };

        public static Node Directory(long mtime) => new(EntryKind.Directory, "", 0, mtime, Seconds(mtime));

        public static Node File(string content, long mtime) => new(EntryKind.File, content, Encoding.UTF8.GetByteCount(content), mtime, Seconds(mtime));

        public static Node Of(TreeEntry entry) => new(entry.Kind, "", entry.Size, entry.ModifiedUnixSeconds, entry.ModifiedExact, entry.LinkTarget);

        private static string Seconds(long mtime) => mtime.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed record HeldLock(LockHolder Holder, TimeSpan Age, int TriesLeft);

    private readonly SortedDictionary<string, Node> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModelManifest> _manifests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HeldLock> _locks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _rootLinks = new(StringComparer.Ordinal);
    private readonly List<RemoteCall> _calls = [];
    private readonly List<string> _hashed = [];

    /// <summary>A server by default; with <c>onThisMachine</c> a place here (no host), as the side whose hashes the cache keeps.</summary>
    public ServerAlias Alias { get; } = new(name, onThisMachine ? null : name + ".example", null, null, modelBase, null, []);

    public string ModelBase => modelBase;

    public string Connection => "a tree in memory";

    public IReadOnlyList<string> HashTools => ["openssl", "sha256sum"];

    /// <summary>What <see cref="FreeBytesAsync"/> answers anywhere.</summary>
    public long FreeBytes { get; set; } = 1L << 40;

    /// <summary>Runs at the start of <see cref="PublishAsync"/>, e.g. to interrupt it.</summary>
    public Action? OnPublish { get; set; }

    /// <summary>Called with the target as a lock is taken, before the answer: a test's way to change the tree meanwhile.</summary>
    public Action<string>? OnTakeLock { get; set; }

    public IReadOnlyList<RemoteCall> Calls
    {
        get
        {
            lock (_calls) return [.. _calls];
        }
    }

    /// <summary>The operations called, in order, less the read-only ones (scan, hash, free space).</summary>
    public IReadOnlyList<string> Changes => [.. Calls.Select(c => c.Operation).Where(o => o is not ("Scan" or "ListDirectory" or "Hash" or "FreeBytes" or "Connect"))];

    /// <summary>How many times a lock was taken here, by any operation.</summary>
    public int LocksTaken { get; private set; }

    public int Count(string operation, string path) => Calls.Count(c => c.Operation == operation && c.Path == path);

    /// <summary>Every file <see cref="HashAsync"/> read, by its full path, in order.</summary>
    public IReadOnlyList<string> Hashed
    {
        get
        {
            lock (_hashed) return [.. _hashed];
        }
    }

    // IRemote.

    public Task<RemoteProbe> ConnectAsync(CancellationToken cancellationToken)
    {
        Record("Connect", modelBase);
        return Task.FromResult(new RemoteProbe(modelBase, "rsync  version 3.2.7  protocol version 31", TimeSpan.Zero, HashTools));
    }

    public Task<TreeListing?> ScanAsync(string path, CancellationToken cancellationToken)
    {
        Record("Scan", path);
        return Task.FromResult(ScanNow(path));
    }

    public Task<IReadOnlyDictionary<string, string>> HashAsync(string root, EntryKind rootKind, IReadOnlyCollection<string> files, int batchSize, HashFunction function,
        CancellationToken cancellationToken)
    {
        Record("Hash", root);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var path = rootKind == EntryKind.Directory ? root + "/" + file : root;
            lock (_hashed) _hashed.Add(path);
            if (Read(path) is { } content) hashes[rootKind == EntryKind.Directory ? file : ""] = HashOf(content);
        }
        return Task.FromResult<IReadOnlyDictionary<string, string>>(hashes);
    }

    public Task<long> FreeBytesAsync(string path, CancellationToken cancellationToken)
    {
        Record("FreeBytes", path);
        return Task.FromResult(FreeBytes);
    }

    public Task PingAsync(CancellationToken cancellationToken)
    {
        Record("Ping", modelBase);
        return Task.CompletedTask;
    }

    public Task PrepareStageAsync(string target, EntryKind kind, bool seedFromTarget, CancellationToken cancellationToken)
    {
        Record("PrepareStage", target);
        var stage = StageNames.Stage(target);
        var wanted = kind == EntryKind.Directory ? EntryKind.Directory : EntryKind.File;
        lock (_nodes)
        {
            if (_nodes.TryGetValue(stage, out var existing) && existing.Kind == wanted) return Task.CompletedTask;
            Remove(stage);
            if (seedFromTarget && _nodes.ContainsKey(target)) Move(target, stage, keep: true);
            else if (wanted == EntryKind.Directory) _nodes[stage] = Node.Directory(Entries.Time);
        }
        return Task.CompletedTask;
    }

    public Task PrepareStageFromAsync(string target, EntryKind kind, string basis, IReadOnlyCollection<string> files, bool replaceStage, CancellationToken cancellationToken)
    {
        Record("PrepareStageFrom", target);
        var stage = StageNames.Stage(target);
        var wanted = kind == EntryKind.Directory ? EntryKind.Directory : EntryKind.File;
        lock (_nodes)
        {
            if (!replaceStage && _nodes.TryGetValue(stage, out var existing) && existing.Kind == wanted) return Task.CompletedTask;
            Remove(stage);
            var usable = _nodes.TryGetValue(basis, out var root) && root.Kind == wanted && !_rootLinks.ContainsKey(basis);
            if (wanted == EntryKind.File)
            {
                if (usable) _nodes[stage] = root!;
                return Task.CompletedTask;
            }
            _nodes[stage] = Node.Directory(Entries.Time);
            foreach (var file in usable ? files : [])
            {
                if (!_nodes.TryGetValue(basis + "/" + file, out var node) || node.Kind != EntryKind.File) continue;
                MakeParents(stage + "/" + file);
                _nodes[stage + "/" + file] = node;
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TreeEntry>> ListDirectoryAsync(string directory, CancellationToken cancellationToken)
    {
        Record("ListDirectory", directory);
        lock (_nodes)
        {
            IReadOnlyList<TreeEntry> entries = [.. _nodes.Where(n => PosixPath.Parent(n.Key) == directory && n.Key != directory)
                .Select(n => Entry(PosixPath.Name(n.Key), _rootLinks.TryGetValue(n.Key, out var link) ? n.Value with { Kind = EntryKind.Symlink, LinkTarget = link } : n.Value))];
            return Task.FromResult(entries);
        }
    }

    public Task WriteManifestAsync(string directory, ModelManifest manifest, CancellationToken cancellationToken)
    {
        Record("WriteManifest", directory);
        lock (_nodes) _manifests[directory] = manifest;
        return Task.CompletedTask;
    }

    public Task RemoveManifestAsync(string directory, CancellationToken cancellationToken)
    {
        Record("RemoveManifest", directory);
        lock (_nodes) _manifests.Remove(directory);
        return Task.CompletedTask;
    }

    public Task<PreviousVersionLeft?> PublishAsync(string target, CancellationToken cancellationToken)
    {
        Record("Publish", target);
        OnPublish?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
        var stage = StageNames.Stage(target);
        lock (_nodes)
        {
            if (!_nodes.ContainsKey(stage))
            {
                return _nodes.ContainsKey(target) ? Task.FromResult(PreviousLeft(target))
                    : throw new ModelSyncException($"could not move the verified copy into place on {name}: nothing to publish: {stage} is missing");
            }
            SetAside(target);
            Move(stage, target, keep: false);
        }
        return Task.FromResult(PreviousLeft(target));
    }

    public Task<VersionRemoval> RemoveVersionAsync(string target, CancellationToken cancellationToken)
    {
        Record("RemoveVersion", target);
        lock (_nodes)
        {
            if (_nodes.ContainsKey(StageNames.Stage(target)) || (_nodes.ContainsKey(StageNames.Old(target)) && !_nodes.ContainsKey(target)))
                return Task.FromResult(VersionRemoval.BeingPublished);
            if (!_nodes.ContainsKey(target)) return Task.FromResult(VersionRemoval.Gone);
            Remove(target);
        }
        return Task.FromResult(VersionRemoval.Removed);
    }

    public Task<PublishState> PublishStateAsync(string target, CancellationToken cancellationToken)
    {
        Record("PublishState", target);
        return Task.FromResult(Exists(StageNames.Stage(target)) ? PublishState.Kept : Exists(target) ? PublishState.Published : PublishState.Gone);
    }

    public Task<LockAttempt> TryTakeLockAsync(string target, LockHolder holder, CancellationToken cancellationToken)
    {
        Record("TryTakeLock", target);
        OnTakeLock?.Invoke(target);
        lock (_nodes)
        {
            if (_locks.TryGetValue(target, out var held) && held.TriesLeft > 0)
            {
                _locks[target] = held with { TriesLeft = held.TriesLeft - 1 };
                return Task.FromResult<LockAttempt>(new LockAttempt.Held(held.Holder, held.Age));
            }
            _locks[target] = new HeldLock(holder, TimeSpan.Zero, int.MaxValue);
            LocksTaken++;
            return Task.FromResult<LockAttempt>(new LockAttempt.Taken());
        }
    }

    public Task BreakLockAsync(string target, CancellationToken cancellationToken)
    {
        Record("BreakLock", target);
        lock (_nodes) _locks.Remove(target);
        return Task.CompletedTask;
    }

    public Task ReleaseLockAsync(string target, string token, CancellationToken cancellationToken)
    {
        Record("ReleaseLock", target);
        lock (_nodes)
        {
            if (_locks.TryGetValue(target, out var held) && held.Holder.Token == token) _locks.Remove(target);
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<LockHolder?>> ReadHoldersAsync(IReadOnlyList<string> records, CancellationToken cancellationToken)
    {
        Record("ReadHolders", string.Join(" ", records));
        lock (_nodes)
            return Task.FromResult<IReadOnlyList<LockHolder?>>([.. records.Select(r => _locks.FirstOrDefault(l => r == StageNames.Lock(l.Key) + "/holder").Value?.Holder)]);
    }

    public Task RemoveFromStageAsync(string stage, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        Record("RemoveFromStage", stage);
        foreach (var path in paths) Remove(stage + "/" + path);
        return Task.CompletedTask;
    }

    public Task<string?> WriteMarkerAsync(string name, byte[] content, CancellationToken cancellationToken)
    {
        Record("WriteMarker", modelBase + "/" + name);
        if (Exists(modelBase + "/" + name)) return Task.FromResult<string?>("cannot overwrite existing file");
        File(modelBase + "/" + name, Encoding.UTF8.GetString(content));
        return Task.FromResult<string?>(null);
    }

    public Task RemoveMarkerAsync(string name, CancellationToken cancellationToken)
    {
        Record("RemoveMarker", modelBase + "/" + name);
        Remove(modelBase + "/" + name);
        return Task.CompletedTask;
    }

    public ProcessSpec TarSendProcess(string root, EntryKind rootKind, IEnumerable<string> paths) => throw Unsupported();

    public ProcessSpec TarReceiveProcess(string stage, EntryKind kind, string fileName, IReadOnlyCollection<string> directories) => throw Unsupported();

    public ProcessSpec HashWhileWrittenProcess(HashFunction function, IReadOnlyCollection<string> finalPaths) => throw Unsupported();

    public Task<IRemote> OpenStreamAsync(CancellationToken cancellationToken) => Task.FromResult<IRemote>(this);

    public ProcessSpec RangeReadProcess(string file, ByteRange range) => throw Unsupported();

    public ProcessSpec RangeWriteProcess(string record, ByteRange range) => throw Unsupported();

    /// <summary>No range is ever written in memory (that takes a process), so only the records' removal is left to do.</summary>
    public Task FinishRangesAsync(string records, string stage, EntryKind kind, IReadOnlyList<RangedFile> files, IReadOnlyList<StagedDirectory> directories,
        CancellationToken cancellationToken)
    {
        Record("FinishRanges", records);
        PlaceRanges(new RangesFinish(records, files, directories));
        return Task.CompletedTask;
    }

    private void PlaceRanges(RangesFinish ranges)
    {
        if (ranges.Files.Count > 0 || ranges.Directories.Count > 0) throw Unsupported();
        Remove(ranges.Records);
    }

    public Task<PlaceAnswer<RemoteInspection>> InspectAsync(CancellationToken cancellationToken) => throw Unsupported();

    public Task<PlaceAnswer<ModelBaseProbe>> CheckModelBaseAsync(string path, CancellationToken cancellationToken) => throw Unsupported();

    public Task<int> ExecAsync(string command, CancellationToken cancellationToken) => throw Unsupported();

    public Task<ProcessResult> ExecCaptureAsync(string command, CancellationToken cancellationToken) => throw Unsupported();

    public RsyncLocation Rsync(string path) => new(path, null);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private TreeListing? ScanNow(string path)
    {
        lock (_nodes)
        {
            if (!_nodes.TryGetValue(path, out var root)) return null;
            var link = _rootLinks.GetValueOrDefault(path);
            if (root.Kind != EntryKind.Directory) return new TreeListing(root.Kind, [Entry("", root)]) { RootLink = link };
            // As a real scan: model-sync's own names (stages, locks) are never part of a model.
            var all = Below(path).Skip(1).Select(key => (Relative: key[(path.Length + 1)..], Node: _nodes[key])).ToList();
            var entries = all.Where(e => !e.Relative.Split('/').Any(StageNames.IsControlName)).Select(e => Entry(e.Relative, e.Node)).ToList();
            var reserved = all.Select(e => e.Relative).Where(r => StageNames.IsControlName(PosixPath.Name(r)) && !r.Split('/')[..^1].Any(StageNames.IsControlName)).ToList();
            var control = all.Where(e => StageNames.IsControlName(e.Relative.Split('/')[0])).Select(e => Entry(e.Relative, e.Node)).ToList();
            return new TreeListing(EntryKind.Directory, entries)
            {
                Manifest = _manifests.GetValueOrDefault(path), RootLink = link, ReservedNames = reserved, ControlEntries = control,
            };
        }
    }

    private static TreeEntry Entry(string path, Node node) => new(path, node.Kind, node.Size, node.Mtime, node.LinkTarget) { ModifiedExact = node.Exact, Inode = node.Inode };

    /// <summary>The path itself and every path below it, in order.</summary>
    private IEnumerable<string> Below(string path) =>
        _nodes.Keys.Where(k => k == path || k.StartsWith(path + "/", StringComparison.Ordinal));

    /// <summary>Moves (or with <paramref name="keep"/>, copies) a subtree and its manifest; the caller holds the lock.</summary>
    private void Move(string from, string to, bool keep)
    {
        foreach (var key in Below(from).ToList())
        {
            _nodes[to + key[from.Length..]] = _nodes[key];
            if (!keep) _nodes.Remove(key);
        }
        if (_manifests.TryGetValue(from, out var manifest)) _manifests[to] = manifest;
        if (!keep) _manifests.Remove(from);
    }

    private void MakeParents(string path)
    {
        for (var parent = ModelSync.Paths.PosixPath.Parent(path); parent.Length > 1 && !_nodes.ContainsKey(parent); parent = ModelSync.Paths.PosixPath.Parent(parent))
            _nodes[parent] = Node.Directory(Entries.Time);
    }

    private void Record(string operation, string path)
    {
        lock (_calls) _calls.Add(new RemoteCall(operation, path));
    }

    private static NotSupportedException Unsupported() => new("a place in memory runs no processes");
}

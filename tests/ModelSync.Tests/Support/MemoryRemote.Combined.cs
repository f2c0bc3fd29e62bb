using System.Text;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.Tests.Support;

/// <summary>The steps before and after a send, each as one call, with the real scripts' rules: see <see cref="IRemote"/>.</summary>
public sealed partial class MemoryRemote
{
    /// <summary>What <see cref="FinishStageAsync"/> is told to expect, the last time it was called.</summary>
    public StageFinishRequest? LastFinish { get; private set; }

    /// <summary>Gives the node at <paramref name="path"/> the mtime <paramref name="exact"/> as find's <c>%T@</c> prints it, below the second too.</summary>
    public MemoryRemote Exact(string path, string exact)
    {
        lock (_nodes) _nodes[path] = _nodes[path] with { Exact = exact };
        return this;
    }

    public Task<TargetStart> StartTargetAsync(string target, TargetStartRequest request, CancellationToken cancellationToken)
    {
        Record("StartTarget", target);
        var listing = ScanNow(target);
        if (listing?.RootLink is not null) return Task.FromResult(new TargetStart(TargetStartState.Open, listing));
        var want = Records(ExpectedRecords.Listing(request.Source));
        var have = listing is null ? [] : Records(ExpectedRecords.Listing(listing));
        var missing = want.Except(have).Any();
        var extra = have.Except(want).Any();
        if (!missing && (!extra || request.ExtrasUnderLock))
            return Task.FromResult(new TargetStart(TargetStartState.Same, listing) { PreviousLeft = RemovePrevious(target, request.Holder).Left });
        if (extra && !request.ExtrasUnderLock) return Task.FromResult(new TargetStart(TargetStartState.Open, listing));
        OnTakeLock?.Invoke(target);
        lock (_nodes)
        {
            if (_locks.TryGetValue(target, out var held) && held.TriesLeft > 0)
            {
                _locks[target] = held with { TriesLeft = held.TriesLeft - 1 };
                return Task.FromResult(new TargetStart(TargetStartState.Held, listing) { HeldBy = new LockAttempt.Held(held.Holder, held.Age) });
            }
            _locks[target] = new HeldLock(request.Holder, TimeSpan.Zero, int.MaxValue);
            LocksTaken++;
            var kind = request.Source.RootKind == EntryKind.Directory ? EntryKind.Directory : EntryKind.File;
            // Only looked at: a publish over the target in place (but a file over a file) needs the old name.
            var inTheWay = _nodes.TryGetValue(target, out var placed) && (kind == EntryKind.Directory || placed.Kind == EntryKind.Directory) ? PreviousLeft(target) : null;
            if (FreeBytes < request.RoomNeeded || inTheWay is not null)
                return Task.FromResult(new TargetStart(TargetStartState.Locked, listing) { FreeBytes = FreeBytes, PreviousLeft = inTheWay });
            var stage = StageNames.Stage(target);
            var kept = _nodes.TryGetValue(stage, out var existing) && existing.Kind == kind;
            if (!kept)
            {
                Remove(stage);
                if (_nodes.TryGetValue(target, out var there) && there.Kind == kind) Move(target, stage, keep: true);
                else if (kind == EntryKind.Directory) _nodes[stage] = Node.Directory(Entries.Time);
            }
            return Task.FromResult(new TargetStart(TargetStartState.Locked, listing) { FreeBytes = FreeBytes, StagePrepared = true, StageMade = !kept });
        }
    }

    public Task DiscardStageAsync(string target, CancellationToken cancellationToken)
    {
        Record("DiscardStage", target);
        Remove(StageNames.Stage(target));
        return Task.CompletedTask;
    }

    public Task<StageFinish> FinishStageAsync(string target, StageFinishRequest request, CancellationToken cancellationToken)
    {
        Record("FinishStage", target);
        LastFinish = request;
        var stage = StageNames.Stage(target);
        // In the same call, as the real one does: first, and not again on a retry whose stage is gone.
        if (request.Ranges is { } ranges && (!request.Retry || Exists(stage))) PlaceRanges(ranges);
        var stageTree = ScanNow(stage);
        if (stageTree is null)
        {
            if (request.Retry && Exists(target))
            {
                Release(target, request.LockToken);
                return Task.FromResult(new StageFinish(true, null, new Dictionary<string, string>()));
            }
            return Task.FromResult(new StageFinish(false, null, new Dictionary<string, string>()));
        }
        var entries = stageTree.Entries.ToDictionary(e => e.Path, StringComparer.Ordinal);
        var shaped = request.Source.Entries.Where(e => e.Kind != EntryKind.Directory).All(e =>
            entries.TryGetValue(e.Path, out var s) && s.Kind == e.Kind && s.LinkTarget == e.LinkTarget && (e.Kind != EntryKind.File || s.Size == e.Size));
        // A place in memory has no inodes: a file known by its inode is never found so.
        var known = request.Known.All(k => entries.TryGetValue(k.Path, out var s) && s.Size == k.Size && k.ModifiedExact is { } exact && s.ModifiedExact == exact);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in request.ToHash.Keys)
        {
            if (Read(stageTree.RootKind == EntryKind.Directory ? stage + "/" + path : stage) is { } content) hashes[path] = HashOf(content);
        }
        var hashed = request.ToHash.All(h => hashes.TryGetValue(h.Key, out var got) && got == h.Value);
        if (!shaped || !known || !hashed) return Task.FromResult(new StageFinish(false, stageTree, hashes));
        OnPublish?.Invoke();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_nodes)
        {
            if (request.Manifest is { } manifest) _manifests[stage] = manifest;
            SetAside(target);
            Move(stage, target, keep: false);
        }
        Release(target, request.LockToken);
        return Task.FromResult(new StageFinish(true, null, new Dictionary<string, string>()) { PreviousLeft = PreviousLeft(target) });
    }

    private void Release(string target, string token)
    {
        lock (_nodes)
        {
            if (_locks.TryGetValue(target, out var held) && held.Holder.Token == token) _locks.Remove(target);
        }
    }

    private static HashSet<string> Records(byte[] records) =>
        [.. Encoding.Latin1.GetString(records).Split('\0', StringSplitOptions.RemoveEmptyEntries)];
}

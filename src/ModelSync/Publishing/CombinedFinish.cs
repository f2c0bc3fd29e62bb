using ModelSync.Manifests;
using ModelSync.Remotes;
using ModelSync.Transfer;

namespace ModelSync.Publishing;

/// <summary>
/// What <see cref="CombinedFinish"/> did: published (having hashed <paramref name="HashedNow"/> files; the previous
/// version <paramref name="PreviousLeft"/> when it could not be removed), or what it found instead.
/// </summary>
internal sealed record FinishOutcome(bool Published, int HashedNow, StageFinish? Found, PreviousVersionLeft? PreviousLeft = null);

/// <summary>
/// The target's side of everything after the bytes moved, in one call to a server (<see cref="IRemote.FinishStageAsync"/>):
/// the stage must hold the source's entries, the files whose hash is known already must be as they were when it was
/// known, and the rest must hash to the source's hashes; only then are the manifest written, the stage published
/// and the lock released. Anything else publishes nothing, and the walk checks the stage step by step from what the
/// call found (re-sending what differs), as it did before.
/// </summary>
internal static class CombinedFinish
{
    /// <summary>Whether this run's target can be asked for it: not one on this machine (a pull's).</summary>
    public static bool CanAsk(TransferContext run) => run.Direction != Resolve.Direction.Pull && !run.Target.Remote.Alias.IsLocal;

    /// <summary>
    /// Null when this run cannot ask for it: a target on this machine (a pull's), or a source file without a hash to
    /// expect; the files the send left in ranges (<see cref="StageSend.RangesLeft"/>) are then moved into the stage first.
    /// </summary>
    public static async Task<FinishOutcome?> TryAsync(TransferContext run, TargetLock held, IReadOnlyDictionary<string, string> sourceHashes, HashSet<string> transferred,
        StageSend moved, ModelManifest? manifest, ITransferProgress progress)
    {
        if (!CanAsk(run) || run.SourceTree.Files.Any(f => !sourceHashes.ContainsKey(f.Path))) return await NotAskedAsync(run, moved);
        var sources = run.SourceTree.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var known = new List<KnownStageFile>();
        var settled = new HashSet<string>(StringComparer.Ordinal);
        // Read back by the transport right after writing: taken as the stage's hashes, as the step-by-step check takes them.
        foreach (var (path, hash) in moved.Written ?? new Dictionary<string, string>())
        {
            if (!sources.ContainsKey(path)) continue;
            if (sourceHashes[path] != hash) return await NotAskedAsync(run, moved);
            settled.Add(path);
        }
        // Hashed as they were written: true of the stage file only if it is still that inode, of the source's size.
        foreach (var (path, followed) in moved.Followed ?? new Dictionary<string, FollowedHash>())
        {
            if (settled.Contains(path) || !sources.TryGetValue(path, out var source) || followed.Inode == 0 || sourceHashes[path] != followed.Hash) continue;
            known.Add(new KnownStageFile(path, source.Size, null, followed.Inode));
            settled.Add(path);
        }
        // Not written by this run: still the seed's file (the stage was seeded with hard links of the target or of a basis),
        // vouched for by its manifest, and true of the stage file only if that has the seed file's size and exact mtime.
        var seed = run.Basis?.Tree ?? (run.SameKind ? run.TargetTree : null);
        if (!run.Options.Checksum && seed is not null && run.SeedManifest is { } vouching)
        {
            var kept = seed.Files.Where(f => !transferred.Contains(f.Path) && sources.ContainsKey(f.Path) && !settled.Contains(f.Path)).ToList();
            var entries = kept.ToDictionary(f => f.Path, StringComparer.Ordinal);
            foreach (var (path, hash) in vouching.Trusted(seed with { Entries = kept }, run.Function))
            {
                if (sourceHashes[path] != hash) return await NotAskedAsync(run, moved);
                known.Add(new KnownStageFile(path, entries[path].Size, entries[path].ModifiedExact));
                settled.Add(path);
            }
        }
        var toHash = sources.Keys.Where(p => !settled.Contains(p)).ToDictionary(p => p, p => sourceHashes[p], StringComparer.Ordinal);
        var request = new StageFinishRequest(run.SourceTree, run.Function, held.Token, toHash, known, manifest, Retry: false) { Ranges = moved.RangesLeft };

        progress.Phase($"Verifying ({run.Function.Name} on both sides) and publishing");
        var tries = 0;
        StageFinish finish;
        try
        {
            finish = await TransientRetry.RunAsync(run, progress,
                () => run.Target.Remote.FinishStageAsync(run.Target.Path, request with { Retry = tries++ > 0 }, run.Cancellation));
        }
        catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested)
        {
            // Once its publish has begun on the server it finishes; what to say depends on how far it got there.
            throw await InterruptedPublish.DescribeAsync(run.Target.Remote, run.Target.Path, run.Target.Display);
        }
        if (!finish.Published) return new FinishOutcome(false, 0, finish);
        held.Released();
        return new FinishOutcome(true, settled.Count - known.Count(k => k.ModifiedExact is not null) + toHash.Count, null, finish.PreviousLeft);
    }

    /// <summary>The walk checks the stage step by step instead: what the send left for this call is done in one of its own.</summary>
    private static async Task<FinishOutcome?> NotAskedAsync(TransferContext run, StageSend moved)
    {
        if (moved.RangesLeft is { } left)
            await run.Target.Remote.FinishRangesAsync(left.Records, run.Stage, run.SourceTree.RootKind, left.Files, left.Directories, run.Cancellation);
        return null;
    }
}

using System.Diagnostics;
using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Planning;
using ModelSync.Preflight;
using ModelSync.Publishing;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Text;
using ModelSync.Transfer;
using ModelSync.Verification;

namespace ModelSync.Operations;

/// <summary>
/// The one walk every push and pull takes: scan both sides, plan, agree what is removed (before the lock, so a
/// prompt holds no one up), lock the target, list it again and check space, fill a hidden
/// stage next to the target, verify the stage against the source, and only then rename it into place. An
/// interruption at any point leaves the target as it was and the stage ready to resume.
/// </summary>
public sealed class TransferOperation
{
    private readonly IStageTransport _transport;
    private readonly TreeHasher _cachingHasher;
    private readonly ITransferProgress _progress;

    internal TransferOperation(IStageTransport transport, TreeHasher cachingHasher, ITransferProgress progress)
    {
        _transport = transport;
        _cachingHasher = cachingHasher;
        _progress = progress;
    }

    public async Task<TransferResult> RunAsync(Direction direction, Endpoint source, Endpoint target, TransferOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var basisLookup = BasisLookup.Start(target, options.Basis, cancellationToken);
        // On a server, the target's listing comes with the lock and the stage when it needs them: one call, beside which
        // the transport may start what its send needs.
        await using var anticipation = new Anticipation();
        await using var start = await CombinedStart.ScanAsync(direction, source, target, options,
            sourceTree => anticipation.Hold(_transport.Anticipate(source, target, options, sourceTree, basisLookup, cancellationToken)), cancellationToken);
        var scans = new[] { start.SourceTree, start.TargetTree };
        var sourceTree = scans[0] ?? throw new ModelSyncException($"nothing at {source.Display}", ExitCodes.Usage,
            direction == Direction.Push ? "check the path" : $"check the name with `{ToolName.Command} list {source.Remote.Alias.Name}`");
        TransferChecks.RefuseReservedNames(source, sourceTree);
        var targetTree = TargetLink.Check(direction, target, scans[1], options.ReplaceLink, out var linkWarning);
        var plan = Planner.Plan(sourceTree, targetTree, new PlanOptions(options.Delete));
        var hash = HashChoice.Choose(options.Hash, source.Remote, target.Remote);
        var warnings = new List<string>();
        var warn = PushPull.Warner(warnings, _progress);
        foreach (var w in new[] { linkWarning, options.Verify ? hash.Warning : null, sourceTree.ManifestWarning(source.Display), targetTree?.ManifestWarning(target.Display),
                     ModeKeeping.Warning(plan, target.Display) }.OfType<string>())
            warn(w);
        var run = new TransferContext(direction, source, target, options, options.Checksum ? _cachingHasher.WithoutCache() : _cachingHasher,
            sourceTree, targetTree, plan, hash.Function, cancellationToken);
        run = run with { Basis = await BasisLookup.FinishAsync(basisLookup, run, warn) };
        var skipped = Skipped(run);
        var server = direction == Direction.Pull ? source.Remote : target.Remote;
        // Described at the end: a transport may tell what it did, not only what it planned.
        TransferResult Result(long sent, long alreadyThere, VerificationOutcome verification, bool published) => new(
            direction, source.Display, target.Display, server.Alias.Name, options.DryRun, sourceTree.Files.Count(), sourceTree.TotalBytes,
            sent, alreadyThere, clock.Elapsed.TotalSeconds, verification, plan, published)
        {
            Transport = _transport.Describe(run), Warnings = warnings, Basis = run.Basis?.Use(sourceTree, options.DryRun ? null : alreadyThere),
        };

        if (options.DryRun)
        {
            await _transport.ProbeAsync(run);
            return Result(0, 0, skipped, false);
        }
        RemovalConsent.Ask(run);
        // A target that already matches needs no lock: nothing is written (unless it lacks a current manifest),
        // and a re-push that changes nothing costs two round trips less.
        var upToDate = run.SameKind && plan.IsNoOp ? await CheckUpToDateAsync(run) : null;
        if (upToDate is { Outcome: { } current, ManifestMissing: false })
        {
            await LeftoverPreviousVersion.RetryAsync(run, start.Started, options.Command, warn);
            return Result(0, sourceTree.TotalBytes, current, false);
        }
        await using var acquired = start.Lock is null ? await TargetLock.AcquireAsync(target.Remote, target.Path, options.Command, options.Lock, warn, cancellationToken) : null;
        var targetLock = start.Lock ?? acquired!;
        if (upToDate is { Outcome: { } done, ManifestMissing: true })
        {
            // Hashed in full without a manifest: leave one, so the next check costs a listing.
            await TransferChecks.WriteManifestAsync(run, run.Target.Path, upToDate.SourceHashes!);
            await LeftoverPreviousVersion.RetryAsync(run, start.Started, null, warn);
            return Result(0, sourceTree.TotalBytes, done, false);
        }
        if (PreviousVersionInTheWay.Refusal(target.Display, start.Started) is { } inTheWay) throw inTheWay;
        var forced = upToDate?.Differing ?? [];

        // The target may have changed while the user read the prompt or someone else held the lock: list it again then,
        // and only then (every other push keeps its one call before the bytes).
        if (plan.ToRemove.Any() || targetLock.FoundHeld || start.FoundHeld)
        {
            var recheck = RemovalConsent.RecheckAsync(run);
            await Task.WhenAll(recheck, TransferChecks.RequireSpaceAsync(run, forced, start.Lock is null ? null : start.Started!.FreeBytes));
            run = await recheck;
            plan = run.Plan;
        }
        else await TransferChecks.RequireSpaceAsync(run, forced, start.Lock is null ? null : start.Started!.FreeBytes);
        if (start.Lock is null || !start.Started!.StagePrepared) await PrepareStageAsync(run);
        // The one call made an empty stage for the new version; it starts from its basis instead.
        else if (run.Basis is { } basis && start.Started.StageMade) await basis.PrepareStageAsync(run, replaceStage: true);
        start.Sending();
        if (start.Lock is not null && start.Started is { StagePrepared: true, StageMade: true }) run = run with { StageSeededHere = true };
        if (start.Started is { StageMade: true } && run.IsDirectory && run.Basis is null)
            run = run with { FreshStage = run.SameKind ? run.TargetTree : new TreeListing(EntryKind.Directory, []) };
        // A small new model is hashed before it is sent, so that the call sending it can verify and publish it too.
        if (forced.Count == 0 && await FreshStageFinish.PrepareAsync(run, targetLock, h => TransferChecks.ManifestFor(run, h)) is var (together, hashes))
            (run, upToDate) = (run with { FinishWithSend = together }, new UpToDate(null, hashes.Hashes, []) { Reading = new SourceReading(hashes.HashedNow, hashes.Lent) });
        // The one call after the send can move the files the streams sent in ranges into place first (CombinedFinish.TryAsync).
        if (forced.Count == 0 && run.Options.Verify && CombinedFinish.CanAsk(run)) run = run with { FinishTakesRanges = true };
        Sent sent;
        try
        {
            sent = await SendAsync(run, upToDate);
        }
        catch (OperationCanceledException) when (run.FinishWithSend is not null && run.Cancellation.IsCancellationRequested)
        {
            // The call that sends may have begun publishing, which finishes on the server: say what it did.
            throw await InterruptedPublish.DescribeAsync(run.Target.Remote, run.Target.Path, run.Target.Display);
        }
        var verification = skipped;
        var wire = sent.Moved.WireBytes;
        var literal = sent.Moved.LiteralBytes;
        if (sent.SourceHashes is not null)
        {
            var finish = sent.Moved.Finished is { } finished ? FreshStageFinish.Outcome(run, finished)
                : forced.Count == 0 ? await CombinedFinish.TryAsync(run, targetLock, sent.SourceHashes, sent.Transferred, sent.Moved, TransferChecks.ManifestFor(run, sent.SourceHashes), _progress)
                : null;
            if (finish is { Published: true, PreviousLeft: { } leftThere }) warn(leftThere.Warning(target.Display));
            if (finish is { Published: true })
                return Result(wire, Math.Max(0, sourceTree.TotalBytes - literal), Verified(run, 0, finish.HashedNow, sent.Reading), true);
            var check = await VerifyStageAsync(run, sent, forced, finish?.Found);
            (verification, wire, literal) = (check.Outcome, wire + check.Wire, literal + check.Literal);
            if (verification.Status == VerifyStatus.Failed) return Result(wire, Math.Max(0, sourceTree.TotalBytes - literal), verification, false);
            await TransferChecks.WriteManifestAsync(run, run.Stage, sent.SourceHashes);
        }
        else if (run.IsDirectory)
        {
            // Unverified, so no manifest: the one the stage inherited from the old version must not vouch for this one.
            await target.Remote.RemoveManifestAsync(run.Stage, cancellationToken);
        }

        if (await Publisher.PublishAsync(run, _progress) is { } left) warn(left.Warning(target.Display));
        return Result(wire, Math.Max(0, sourceTree.TotalBytes - literal), verification, true);
    }

    /// <summary>What a target that already looks current turned out to be.</summary>
    private sealed record UpToDate(VerificationOutcome? Outcome, IReadOnlyDictionary<string, string>? SourceHashes, List<string> Differing)
    {
        /// <summary>How this check came by the source's hashes.</summary>
        public SourceReading Reading { get; init; } = new(0, 0);

        /// <summary>The target verified, but by hashing it: it deserves a manifest (where one is left), which is a write.</summary>
        public bool ManifestMissing { get; init; }
    }

    /// <summary>What rsync moved into the stage, and the source's hashes taken meanwhile (null unverified).</summary>
    private sealed record Sent(StageSend Moved, IReadOnlyDictionary<string, string>? SourceHashes, HashSet<string> Transferred, SourceReading Reading);

    /// <summary>The stage's verdict, and what a re-send of mismatched files added to the wire.</summary>
    private sealed record StageCheck(VerificationOutcome Outcome, long Wire, long Literal);

    /// <summary>
    /// Size and mtime say nothing changed: compare hashes (mostly from the manifest and the cache, so usually
    /// without reading a byte). Done when they agree; otherwise the differing files are sent as if changed.
    /// </summary>
    private async Task<UpToDate> CheckUpToDateAsync(TransferContext run)
    {
        if (!run.Options.Verify) return new UpToDate(Skipped(run), null, []);
        _progress.Phase("Target is up to date; verifying it");
        var (sourceTrust, targetTrust) = (run.SourceTrust(), run.TargetTrust());
        var hashes = await Task.WhenAll(
            run.Hasher.HashAsync(run.Source.Remote, run.Source.Path, run.SourceTree, sourceTrust.Own, sourceTrust.Lent, run.Function, run.Cancellation),
            run.Hasher.HashAsync(run.Target.Remote, run.Target.Path, run.TargetTree!, targetTrust.Own, targetTrust.Lent, run.Function, run.Cancellation));
        var reading = new SourceReading(hashes[0].HashedNow, hashes[0].Lent + hashes[1].Lent);
        var differing = TransferChecks.Mismatches(run.SourceTree, hashes[0].Hashes, hashes[1].Hashes);
        if (differing.Count > 0)
        {
            _progress.Phase($"{Human.Count(differing.Count, "file")} differ{(differing.Count == 1 ? "s" : "")} in content despite equal size and time; re-sending them");
            return new UpToDate(null, hashes[0].Hashes, differing) { Reading = reading with { Lent = hashes[0].Lent } };
        }
        return new UpToDate(Verified(run, 0, hashes[1].HashedNow, reading), hashes[0].Hashes, []) { ManifestMissing = hashes[1].HashedNow > 0 && TransferChecks.LeavesManifest(run), Reading = reading };
    }

    private static Task PrepareStageAsync(TransferContext run) => run.Basis is { } basis ? basis.PrepareStageAsync(run, replaceStage: false) :
        run.Target.Remote.PrepareStageAsync(run.Target.Path, run.SourceTree.RootKind, seedFromTarget: run.SameKind, run.Cancellation);

    /// <summary>
    /// rsync into the stage while the source is hashed: the two read the same pages, and the hash is ready by the
    /// time the stage can be checked. Then the source must still be as it was scanned.
    /// </summary>
    private async Task<Sent> SendAsync(TransferContext run, UpToDate? upToDate)
    {
        using var hashing = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
        var sourceTrust = run.SourceTrust();
        var sourceHashing = !run.Options.Verify ? null
            : upToDate?.SourceHashes is { } known ? Task.FromResult(new TreeHashes(known, upToDate.Reading.SourceHashedNow) { Lent = upToDate.Reading.Lent })
            : run.Hasher.HashAsync(run.Source.Remote, run.Source.Path, run.SourceTree, sourceTrust.Own, sourceTrust.Lent, run.Function, hashing.Token);
        var transferred = new HashSet<string>(StringComparer.Ordinal);
        StageSend stats;
        try
        {
            stats = await WithRetriesAsync(run, () => SendToStageAsync(run, null, transferred));
        }
        catch
        {
            await hashing.CancelAsync();
            if (sourceHashing is not null) await Task.WhenAny(sourceHashing);
            throw;
        }
        var sourceHashes = sourceHashing is null ? null : await sourceHashing;
        // Published by the send's own call: what went live is what was hashed before the send (every file checked
        // against it there), so a later write to the source is the next push's to send, not a failure of this one.
        if (stats.Finished is not { Published: true }) await TransferChecks.RequireUnchangedSourceAsync(run.Source, run.SourceTree, run.Cancellation);
        return new Sent(stats, sourceHashes?.Hashes, transferred, new SourceReading(sourceHashes?.HashedNow ?? 0, sourceHashes?.Lent ?? 0));
    }

    /// <summary>
    /// Every file of the stage against the source's hash. Files the stage took over from the target unchanged are
    /// vouched for by the target's manifest (on a pull, by the quick check against the server's; see <see cref="SideTrusts"/>);
    /// whatever this run wrote is hashed from the stage (by the transport as it
    /// wrote, when it can). A mismatch is sent once more.
    /// </summary>
    private async Task<StageCheck> VerifyStageAsync(TransferContext run, Sent sent, List<string> forced, StageFinish? found)
    {
        var (sourceHashes, transferred, moved) = (sent.SourceHashes!, sent.Transferred, sent.Moved);
        if (found is null) _progress.Phase($"Verifying ({run.Function.Name} on both sides)");
        var stageTree = (found is null ? await run.Target.Remote.ScanAsync(run.Stage, run.Cancellation) : found.Stage)
            ?? throw new ModelSyncException($"the staging area {run.Stage} vanished during the transfer", ExitCodes.Failed, "run the same command again");
        var stageTrust = run.StageTrust(stageTree, transferred);
        var vouched = stageTrust.Own?.ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
        // Files the transport read back from the stage right after writing them, or hashed as they were written, are hashed already.
        var written = moved.Written ?? (moved.Followed is { } followed ? StageFollower.Accept(followed, stageTree, run.SourceTree, sourceHashes) : null);
        if (written is not null)
        {
            vouched ??= new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (path, hash) in written) vouched[path] = hash;
        }
        // What the one-call finish hashed there is the stage's content now.
        if (found is not null)
        {
            vouched ??= new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (path, hash) in found.Hashes) vouched[path] = hash;
        }
        var stageHashes = await WithRetriesAsync(run, () => run.Hasher.HashAsync(run.Target.Remote, run.Stage, stageTree, vouched, stageTrust.Lent, run.Function, run.Cancellation));
        var reading = sent.Reading with { Lent = sent.Reading.Lent + stageHashes.Lent };
        var hashedNow = stageHashes.HashedNow + (written?.Count ?? 0) + (found?.Hashes.Count ?? 0);
        var misshapen = TransferChecks.ShapeMismatches(run.SourceTree, stageTree);
        var mismatched = TransferChecks.Mismatches(run.SourceTree, sourceHashes, stageHashes.Hashes).Union(forced).Union(misshapen).ToList();
        if (mismatched.Count == 0) return new StageCheck(Verified(run, 0, hashedNow, reading), 0, 0);

        _progress.Phase($"{Human.Count(mismatched.Count, "file")} did not verify; sending them once more");
        var again = await WithRetriesAsync(run, () => SendToStageAsync(run, mismatched, transferred));
        // Links are checked by what they point to, as text; only files are hashed again.
        var files = mismatched.Intersect(run.SourceTree.Files.Select(f => f.Path), StringComparer.Ordinal).ToList();
        var rehashed = await run.Target.Remote.HashAsync(run.Stage, run.SourceTree.RootKind, run.IsDirectory ? files : [""], TreeHasher.SmallBatch, run.Function, run.Cancellation);
        var reshaped = misshapen.Count == 0 ? []
            : TransferChecks.ShapeMismatches(run.SourceTree, await run.Target.Remote.ScanAsync(run.Stage, run.Cancellation) ?? new TreeListing(run.SourceTree.RootKind, []));
        var still = files.Where(f => !rehashed.TryGetValue(f, out var h) || !sourceHashes.TryGetValue(f, out var s) || h != s).Union(reshaped).ToList();
        var outcome = still.Count > 0
            ? new VerificationOutcome(VerifyStatus.Failed, run.SourceTree.Files.Count(), run.Function.Name, still, mismatched.Count)
            : Verified(run, mismatched.Count, hashedNow + mismatched.Count, reading);
        return new StageCheck(outcome, again.WireBytes, again.LiteralBytes);
    }

    private Task<T> WithRetriesAsync<T>(TransferContext run, Func<Task<T>> step) => TransientRetry.RunAsync(run, _progress, step);

    /// <summary>One send into the stage; <paramref name="only"/>: just those files, sent whatever their times.</summary>
    private Task<StageSend> SendToStageAsync(TransferContext run, IReadOnlyCollection<string>? only, HashSet<string> transferred)
    {
        void OnItem(RsyncItem item)
        {
            lock (transferred) transferred.Add(run.IsDirectory ? item.Path : "");
            _progress.Item(item);
        }
        return _transport.SendAsync(run, only, OnItem, _progress);
    }

    private static VerificationOutcome Skipped(TransferContext run) => new(VerifyStatus.Skipped, 0, run.Function.Name, [], 0);

    private static VerificationOutcome Verified(TransferContext run, int resent, int hashedNow, SourceReading reading) =>
        new(VerifyStatus.Verified, run.SourceTree.Files.Count(), run.Function.Name, [], resent)
        {
            HashedNow = Math.Min(hashedNow, run.SourceTree.Files.Count()),
            SourceHashedNow = reading.SourceHashedNow,
            MatchedBySizeAndMtime = reading.Lent,
        };
}

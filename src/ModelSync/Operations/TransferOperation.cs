using System.Diagnostics;
using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Publishing;
using ModelSync.Remotes;
using ModelSync.Reporting;
using ModelSync.Transfer;
using ModelSync.Verification;

namespace ModelSync.Operations;

/// <summary>
/// The one walk every push and pull takes: scan both sides, plan, lock the target, check space, fill a hidden
/// stage next to the target, verify the stage against the source, and only then rename it into place. An
/// interruption at any point leaves the target as it was and the stage ready to resume.
/// </summary>
public sealed class TransferOperation(RsyncRunner rsync, TreeHasher cachingHasher, ITransferProgress progress)
{
    private const double SpaceMargin = 1.05;
    private const string Algorithm = "sha256";

    public async Task<TransferResult> RunAsync(string direction, Endpoint source, Endpoint target, TransferOptions options, CancellationToken cancellationToken)
    {
        var hasher = options.Checksum ? new TreeHasher(null) : cachingHasher;
        IReadOnlyDictionary<string, string>? Trusted(TreeListing listing) => options.Checksum ? null : listing.Manifest?.Trusted(listing);
        var clock = Stopwatch.StartNew();
        var scans = await Task.WhenAll(source.Remote.ScanAsync(source.Path, cancellationToken), target.Remote.ScanAsync(target.Path, cancellationToken));
        var sourceTree = scans[0] ?? throw new ModelSyncException($"nothing at {source.Display}", ExitCodes.Usage,
            direction == "pull" ? $"check the name with `model-sync list {source.Remote.Alias.Name}`" : "check the path");
        var targetTree = scans[1];
        var plan = Planner.Plan(sourceTree, targetTree, new PlanOptions(options.Delete));
        var server = direction == "pull" ? source.Remote.Alias.Name : target.Remote.Alias.Name;
        var remote = direction == "pull" ? source.Remote : target.Remote;
        var transport = $"rsync over {remote.Connection}; {(options.Compress ? "compression for compressible files (never weights)" : "no compression")}";
        TransferResult Result(long sent, long alreadyThere, VerificationOutcome verification, bool published) => new(
            direction, source.Display, target.Display, server, options.DryRun, sourceTree.Files.Count(), sourceTree.TotalBytes,
            sent, alreadyThere, clock.Elapsed.TotalSeconds, verification, plan, published) { Transport = transport };

        var skipped = new VerificationOutcome(VerifyStatus.Skipped, 0, Algorithm, [], 0);
        if (options.DryRun) return Result(0, 0, skipped, false);

        await using var targetLock = await TargetLock.AcquireAsync(target.Remote, target.Path, options.Command, options.Lock, progress.Phase, cancellationToken);
        var deletes = plan.ToDelete.ToList();
        if (options.Delete && deletes.Count > 0 && !progress.ConfirmDeletes(deletes))
            throw ModelSyncException.Usage($"--delete would remove {deletes.Count} file(s) from {target.Display}; nothing was changed",
                "review the list, then run again with --yes (needed when stdin is not a terminal)");

        var sameKind = targetTree is not null && targetTree.RootKind == sourceTree.RootKind;
        IReadOnlyDictionary<string, string>? sourceHashes = null;
        List<string> forced = [];
        if (sameKind && plan.IsNoOp)
        {
            if (!options.Verify) return Result(0, sourceTree.TotalBytes, skipped, false);
            progress.Phase("Target is up to date; verifying it");
            var hashes = await Task.WhenAll(
                hasher.HashAsync(source.Remote, source.Path, sourceTree, Trusted(sourceTree), cancellationToken),
                hasher.HashAsync(target.Remote, target.Path, targetTree!, Trusted(targetTree!), cancellationToken));
            sourceHashes = hashes[0].Hashes;
            forced = Mismatches(sourceTree, sourceHashes, hashes[1].Hashes);
            if (forced.Count == 0)
            {
                // A target verified without a (current) manifest gets one, so the next check costs a listing.
                if (hashes[1].HashedNow > 0) await WriteManifestAsync(source, target, target.Path, sourceTree, sourceHashes, cancellationToken);
                return Result(0, sourceTree.TotalBytes, Verified(sourceTree, 0, hashes[1].HashedNow), false);
            }
            progress.Phase($"{forced.Count} file(s) differ in content despite equal size and time; re-sending them");
        }

        await CheckSpaceAsync(target, plan.BytesToSend + forced.Sum(f => SizeOf(sourceTree, f)), cancellationToken);
        var stage = StageNames.Stage(target.Path);
        var seed = sameKind ? "seed" : sourceTree.RootKind == EntryKind.Directory ? "dir" : "file";
        await target.Remote.RunCheckedAsync(RemoteScripts.PrepareStage,
            [target.Path, stage, StageNames.Seed(target.Path), seed, sourceTree.RootKind == EntryKind.Directory ? "d" : "f"],
            "prepare the staging area", cancellationToken);

        // The source is hashed while rsync sends it: the two read the same pages, and the hash is ready
        // by the time the stage can be checked.
        using var hashing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sourceHashing = !options.Verify ? null
            : sourceHashes is not null ? Task.FromResult(sourceHashes)
            : HashesOnly(hasher.HashAsync(source.Remote, source.Path, sourceTree, Trusted(sourceTree), hashing.Token));
        var transferred = new HashSet<string>(StringComparer.Ordinal);
        RsyncStats stats;
        try
        {
            stats = await WithRetriesAsync(() => SendAsync(source, target, stage, sourceTree.RootKind, options, null, transferred, cancellationToken),
                source, target, options, cancellationToken);
        }
        catch
        {
            await hashing.CancelAsync();
            if (sourceHashing is not null) await Task.WhenAny(sourceHashing);
            throw;
        }
        var sent = WireBytes(source, stats);
        var literal = stats.LiteralBytes;
        var verification = skipped;
        if (sourceHashing is not null) sourceHashes = await sourceHashing;
        // Checked once rsync and the source hash have both read everything: a file written meanwhile would
        // otherwise pass as a verification failure, or worse, publish half old and half new.
        await RequireUnchangedSourceAsync(source, sourceTree, cancellationToken);
        if (sourceHashes is not null)
        {
            progress.Phase("Verifying (sha256 on both sides)");
            var stageTree = await target.Remote.ScanAsync(stage, cancellationToken)
                ?? throw new ModelSyncException($"the staging area {stage} vanished during the transfer", ExitCodes.Failed, "run the same command again");
            // Files the stage took over from the target unchanged are vouched for by the target's manifest;
            // whatever rsync wrote in this run is hashed.
            var vouched = (options.Checksum ? null : targetTree?.Manifest?.Trusted(stageTree))?.Where(h => !transferred.Contains(h.Key)).ToDictionary(h => h.Key, h => h.Value, StringComparer.Ordinal);
            var stageHashes = await WithRetriesAsync(() => hasher.HashAsync(target.Remote, stage, stageTree, vouched, cancellationToken),
                source, target, options, cancellationToken);
            var mismatched = Mismatches(sourceTree, sourceHashes, stageHashes.Hashes).Union(forced).ToList();
            var resent = 0;
            if (mismatched.Count > 0)
            {
                progress.Phase($"{mismatched.Count} file(s) did not verify; sending them once more");
                var again = await WithRetriesAsync(() => SendAsync(source, target, stage, sourceTree.RootKind, options, mismatched, transferred, cancellationToken),
                    source, target, options, cancellationToken);
                sent += WireBytes(source, again);
                literal += again.LiteralBytes;
                resent = mismatched.Count;
                var rehashed = await target.Remote.HashAsync(stage, sourceTree.RootKind, Only(sourceTree, mismatched), TreeHasher.SmallBatch, cancellationToken);
                mismatched = mismatched.Where(f => !rehashed.TryGetValue(f, out var h) || !sourceHashes.TryGetValue(f, out var s) || h != s).ToList();
            }
            if (mismatched.Count > 0)
            {
                var failed = new VerificationOutcome(VerifyStatus.Failed, sourceTree.Files.Count(), Algorithm, mismatched, resent);
                return Result(sent, Math.Max(0, sourceTree.TotalBytes - literal), failed, false);
            }
            verification = Verified(sourceTree, resent, stageHashes.HashedNow + resent);
            await WriteManifestAsync(source, target, stage, sourceTree, sourceHashes, cancellationToken);
        }
        else if (sourceTree.RootKind == EntryKind.Directory)
        {
            // Unverified, so no manifest: the one the stage inherited from the old version must not vouch for this one.
            await target.Remote.RunCheckedAsync(RemoteScripts.Remove, [PosixPath.Combine(stage, ModelManifest.FileName)], "remove the old manifest", cancellationToken);
        }

        progress.Phase("Publishing");
        await WithRetriesAsync(() => target.Remote.RunCheckedAsync(RemoteScripts.Publish, [stage, target.Path, StageNames.Old(target.Path)],
            "move the verified copy into place", cancellationToken), source, target, options, cancellationToken);
        return Result(sent, Math.Max(0, sourceTree.TotalBytes - literal), verification, true);
    }

    /// <summary>
    /// Runs a step that can be repeated safely; a transient failure (dropped connection, restarting sshd) is
    /// retried with backoff after reconnecting, each try resuming from what the stage already holds.
    /// </summary>
    private async Task<T> WithRetriesAsync<T>(Func<Task<T>> step, Endpoint source, Endpoint target, TransferOptions options, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt > 1)
                {
                    await source.Remote.ConnectAsync(cancellationToken);
                    await target.Remote.ConnectAsync(cancellationToken);
                }
                return await step();
            }
            catch (ModelSyncException e) when (e.Transient && attempt < options.Tries)
            {
                var delay = TimeSpan.FromSeconds(1 << (attempt - 1));
                progress.Phase($"{e.Message}; trying again in {delay.TotalSeconds:0} s (try {attempt + 1} of {options.Tries})");
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    private async Task<RsyncStats> SendAsync(Endpoint source, Endpoint target, string stage, EntryKind rootKind, TransferOptions options, IReadOnlyCollection<string>? only, HashSet<string> transferred, CancellationToken cancellationToken)
    {
        var slash = rootKind == EntryKind.Directory ? "/" : "";
        var from = source.Remote.Rsync(source.Path + slash);
        var to = target.Remote.Rsync(stage + slash);
        if (from.RemoteShell is not null && to.RemoteShell is not null)
            throw ModelSyncException.Usage("both sides are servers", "copy between two servers is not supported yet; pull to this machine, then push");
        var request = new RsyncRequest(from.Spec, to.Spec, from.RemoteShell ?? to.RemoteShell, options.Delete, options.Compress)
        {
            OnlyFiles = rootKind == EntryKind.Directory ? only : null,
            IgnoreTimes = only is not null,
            LiveProgress = progress.WantsLiveProgress,
            BandwidthLimit = options.BandwidthLimit,
        };
        var remoteAlias = from.RemoteShell is not null ? source.Remote.Alias : target.Remote.Alias;
        void OnItem(RsyncItem item)
        {
            lock (transferred) transferred.Add(rootKind == EntryKind.Directory ? item.Path : "");
            progress.Item(item);
        }
        return await rsync.RunAsync(request, remoteAlias, OnItem, progress.WantsLiveProgress ? progress.Bytes : null, cancellationToken);
    }

    private static async Task CheckSpaceAsync(Endpoint target, long bytesToSend, CancellationToken cancellationToken)
    {
        if (bytesToSend == 0) return;
        var free = await target.Remote.FreeBytesAsync(target.Path, cancellationToken);
        var needed = (long)(bytesToSend * SpaceMargin);
        if (needed > free)
            throw new ModelSyncException(
                $"not enough space on {target.Remote.Alias.Name}: the transfer needs {Human.Bytes(needed)} (with 5% margin), {Human.Bytes(free)} is free at {target.Path}",
                ExitCodes.Failed, "free space there, or push to another path or server");
    }

    /// <summary>A source still being written must not be published half-old, half-new.</summary>
    private static async Task RequireUnchangedSourceAsync(Endpoint source, TreeListing before, CancellationToken cancellationToken)
    {
        var after = await source.Remote.ScanAsync(source.Path, cancellationToken);
        var now = (after?.Files ?? []).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var changed = before.Files
            .Where(f => !now.TryGetValue(f.Path, out var n) || n.Size != f.Size || n.ModifiedUnixSeconds != f.ModifiedUnixSeconds)
            .Select(f => f.Path.Length == 0 ? source.Display : f.Path)
            .ToList();
        if (changed.Count > 0)
            throw new ModelSyncException(
                $"{string.Join(", ", changed.Take(5))}{(changed.Count > 5 ? $" and {changed.Count - 5} more" : "")} modified during sync; rerun when writing is done",
                ExitCodes.Failed, "the target was not changed; run the same command again once the files are complete");
    }

    /// <summary>Bytes that crossed the wire: what this machine's rsync sent for a push, what it received for a pull.</summary>
    private static long WireBytes(Endpoint source, RsyncStats stats) =>
        source.Remote.Rsync(source.Path).RemoteShell is null ? stats.BytesSent : stats.BytesReceived;

    private static List<string> Mismatches(TreeListing source, IReadOnlyDictionary<string, string> sourceHashes, IReadOnlyDictionary<string, string> targetHashes) =>
        source.Files
            .Where(f => !sourceHashes.TryGetValue(f.Path, out var a) || !targetHashes.TryGetValue(f.Path, out var b) || a != b)
            .Select(f => f.Path)
            .ToList();

    private static IReadOnlyCollection<string> Only(TreeListing source, IReadOnlyCollection<string> paths) =>
        source.RootKind == EntryKind.Directory ? paths : [""];

    private static long SizeOf(TreeListing tree, string path) => tree.Files.FirstOrDefault(f => f.Path == path)?.Size ?? 0;

    private static VerificationOutcome Verified(TreeListing source, int resent, int hashedNow) =>
        new(VerifyStatus.Verified, source.Files.Count(), Algorithm, [], resent) { HashedNow = Math.Min(hashedNow, source.Files.Count()) };

    private static async Task<IReadOnlyDictionary<string, string>> HashesOnly(Task<TreeHashes> hashing) => (await hashing).Hashes;

    /// <summary>
    /// Leaves the manifest in a pushed directory model (temp file, then rename). A single-file model has none, and
    /// neither has a pulled copy: this machine's hash cache serves it, and the copy stays exactly the model.
    /// </summary>
    private static async Task WriteManifestAsync(Endpoint source, Endpoint target, string directory, TreeListing sourceTree, IReadOnlyDictionary<string, string> hashes, CancellationToken cancellationToken)
    {
        if (sourceTree.RootKind != EntryKind.Directory || target.Remote.Alias.Name == Remotes.LocalRemote.ThisMachineName) return;
        var from = source.Remote.Alias.IsLocal ? Environment.MachineName : source.Remote.Alias.Host ?? source.Remote.Alias.Name;
        var manifest = ModelManifest.Create(sourceTree, hashes, from, source.Path);
        await target.Remote.RunCheckedAsync(RemoteScripts.WriteManifest, [directory], "write the manifest", cancellationToken,
            System.Text.Encoding.UTF8.GetBytes(manifest.Serialize()));
    }
}

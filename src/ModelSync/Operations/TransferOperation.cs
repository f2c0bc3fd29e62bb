using System.Diagnostics;
using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Planning;
using ModelSync.Publishing;
using ModelSync.Remotes;
using ModelSync.Reporting;
using ModelSync.Transfer;

namespace ModelSync.Operations;

/// <summary>
/// The one walk every push and pull takes: scan both sides, plan, check space, fill a hidden stage next to the
/// target, verify the stage against the source, and only then rename it into place. An interruption at any
/// point leaves the target as it was and the stage ready to resume.
/// </summary>
public sealed class TransferOperation(RsyncRunner rsync, ITransferProgress progress)
{
    private const double SpaceMargin = 1.05;

    public async Task<TransferResult> RunAsync(string direction, Endpoint source, Endpoint target, TransferOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var scans = await Task.WhenAll(source.Remote.ScanAsync(source.Path, cancellationToken), target.Remote.ScanAsync(target.Path, cancellationToken));
        var sourceTree = scans[0] ?? throw new ModelSyncException($"nothing at {source.Display}", ExitCodes.Usage,
            direction == "pull" ? $"check the name with `model-sync list {source.Remote.Alias.Name}`" : "check the path");
        var targetTree = scans[1];
        var plan = Planner.Plan(sourceTree, targetTree, new PlanOptions(options.Delete));
        var server = direction == "pull" ? source.Remote.Alias.Name : target.Remote.Alias.Name;
        TransferResult Result(long sent, long alreadyThere, VerificationOutcome verification, bool published) => new(
            direction, source.Display, target.Display, server, options.DryRun, sourceTree.Files.Count(), sourceTree.TotalBytes,
            sent, alreadyThere, clock.Elapsed.TotalSeconds, verification, plan, published);

        var skipped = new VerificationOutcome(VerifyStatus.Skipped, 0, "sha256", [], 0);
        if (options.DryRun) return Result(0, 0, skipped, false);

        var sameKind = targetTree is not null && targetTree.RootKind == sourceTree.RootKind;
        IReadOnlyDictionary<string, string>? sourceHashes = null;
        List<string> forced = [];
        if (sameKind && plan.IsNoOp)
        {
            if (!options.Verify) return Result(0, sourceTree.TotalBytes, skipped, false);
            progress.Phase("Target is up to date; verifying it");
            sourceHashes = await source.Remote.HashAsync(source.Path, sourceTree.RootKind, null, cancellationToken);
            var targetHashes = await target.Remote.HashAsync(target.Path, sourceTree.RootKind, null, cancellationToken);
            forced = Mismatches(sourceTree, sourceHashes, targetHashes);
            if (forced.Count == 0) return Result(0, sourceTree.TotalBytes, Verified(sourceTree, 0), false);
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
            : source.Remote.HashAsync(source.Path, sourceTree.RootKind, null, hashing.Token);
        RsyncStats stats;
        try
        {
            stats = await SendAsync(source, target, stage, sourceTree.RootKind, options, null, cancellationToken);
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
        if (sourceHashing is not null)
        {
            progress.Phase("Verifying (sha256 on both sides)");
            sourceHashes = await sourceHashing;
            var stageHashes = await target.Remote.HashAsync(stage, sourceTree.RootKind, null, cancellationToken);
            var mismatched = Mismatches(sourceTree, sourceHashes, stageHashes).Union(forced).ToList();
            var resent = 0;
            if (mismatched.Count > 0)
            {
                progress.Phase($"{mismatched.Count} file(s) did not verify; sending them once more");
                var again = await SendAsync(source, target, stage, sourceTree.RootKind, options, mismatched, cancellationToken);
                sent += WireBytes(source, again);
                literal += again.LiteralBytes;
                resent = mismatched.Count;
                var rehashed = await target.Remote.HashAsync(stage, sourceTree.RootKind, Only(sourceTree, mismatched), cancellationToken);
                mismatched = mismatched.Where(f => !rehashed.TryGetValue(f, out var h) || !sourceHashes.TryGetValue(f, out var s) || h != s).ToList();
            }
            if (mismatched.Count > 0)
            {
                var failed = new VerificationOutcome(VerifyStatus.Failed, sourceTree.Files.Count(), "sha256", mismatched, resent);
                return Result(sent, Math.Max(0, sourceTree.TotalBytes - literal), failed, false);
            }
            verification = Verified(sourceTree, resent);
        }

        progress.Phase("Publishing");
        await target.Remote.RunCheckedAsync(RemoteScripts.Publish, [stage, target.Path, StageNames.Old(target.Path)],
            "move the verified copy into place", cancellationToken);
        return Result(sent, Math.Max(0, sourceTree.TotalBytes - literal), verification, true);
    }

    private async Task<RsyncStats> SendAsync(Endpoint source, Endpoint target, string stage, EntryKind rootKind, TransferOptions options, IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
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
        };
        var remoteAlias = from.RemoteShell is not null ? source.Remote.Alias : target.Remote.Alias;
        return await rsync.RunAsync(request, remoteAlias, progress.Item, progress.WantsLiveProgress ? progress.Bytes : null, cancellationToken);
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

    /// <summary>Bytes that crossed the wire: what this machine's rsync sent for a push, what it received for a pull.</summary>
    private static long WireBytes(Endpoint source, RsyncStats stats) =>
        source.Remote.Rsync(source.Path).RemoteShell is null ? stats.BytesSent : stats.BytesReceived;

    private static List<string> Mismatches(TreeListing source, IReadOnlyDictionary<string, string> sourceHashes, IReadOnlyDictionary<string, string> targetHashes) =>
        source.Files
            .Where(f => !sourceHashes.TryGetValue(f.Path, out var a) || !targetHashes.TryGetValue(f.Path, out var b) || a != b)
            .Select(f => f.Path)
            .ToList();

    private static IReadOnlyCollection<string>? Only(TreeListing source, IReadOnlyCollection<string> paths) =>
        source.RootKind == EntryKind.Directory ? paths : null;

    private static long SizeOf(TreeListing tree, string path) => tree.Files.FirstOrDefault(f => f.Path == path)?.Size ?? 0;

    private static VerificationOutcome Verified(TreeListing source, int resent) =>
        new(VerifyStatus.Verified, source.Files.Count(), "sha256", [], resent);
}

using ModelSync.Manifests;
using ModelSync.Remotes;
using ModelSync.Transfer;
using ModelSync.Verification;

namespace ModelSync.Publishing;

/// <summary>
/// A small new model's finish in its send's call (<see cref="FreshStageTar"/>): the source is hashed before the bytes
/// move, so the receiver knows what to expect when the tar stream ends, and verifies, publishes and unlocks in the
/// same ssh session. It hashes every file it unpacked and publishes only when each is what the client hashed; a file
/// that changed between that hashing and tar's read differs, nothing is published, and the walk checks the stage
/// step by step from what the call found, as after any send.
/// </summary>
internal static class FreshStageFinish
{
    /// <summary>
    /// The source's hashes and the finish to ask of the send; null when this run's send cannot carry it: the walk then
    /// hashes while sending and finishes in a call of its own (<see cref="CombinedFinish"/>).
    /// </summary>
    public static async Task<(FinishWithSend Finish, TreeHashes SourceHashes)?> PrepareAsync(TransferContext run, TargetLock held,
        Func<IReadOnlyDictionary<string, string>, ModelManifest?> manifestFor)
    {
        if (!run.Options.Verify || run.Direction != Resolve.Direction.Push || run.Target.Remote.Alias.IsLocal || run.Basis is not null || !FreshStageTar.Fits(run))
            return null;
        var trust = run.SourceTrust();
        var hashes = await run.Hasher.HashAsync(run.Source.Remote, run.Source.Path, run.SourceTree, trust.Own, trust.Lent, run.Function, run.Cancellation);
        if (run.SourceTree.Files.Any(f => !hashes.Hashes.ContainsKey(f.Path))) return null;
        // The stage is empty: every file is hashed there, none is vouched for by a seed.
        var toHash = run.SourceTree.Files.ToDictionary(f => f.Path, f => hashes.Hashes[f.Path], StringComparer.Ordinal);
        var request = new StageFinishRequest(run.SourceTree, run.Function, held.Token, toHash, [], manifestFor(hashes.Hashes), Retry: false);
        return (new FinishWithSend(request, held.Released), hashes);
    }

    /// <summary>What the send's call did, as <see cref="CombinedFinish"/> tells it: published having hashed every file, or what it found.</summary>
    public static FinishOutcome Outcome(TransferContext run, StageFinish finished) =>
        finished.Published ? new FinishOutcome(true, run.SourceTree.Files.Count(), null, finished.PreviousLeft) : new FinishOutcome(false, 0, finished);
}

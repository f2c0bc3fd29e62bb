
namespace ModelSync.Transfer;

/// <summary>What one send into the stage moved: bytes over the wire, and file bytes sent whole rather than matched.</summary>
internal sealed record StageSend(long WireBytes, long LiteralBytes)
{
    /// <summary>
    /// Hashes of files this send wrote, each read back from the stage after it was written (so they vouch for what
    /// the stage holds, not for what was read); null when the transport leaves hashing the stage to verification.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Written { get; init; }

    /// <summary>
    /// Hashes of big files taken on the receiving side while rsync wrote them; each still has to stand up
    /// (<see cref="StageFollower.Accept"/>) before it vouches for the stage. Null when none were followed.
    /// </summary>
    public IReadOnlyDictionary<string, FollowedHash>? Followed { get; init; }

    /// <summary>What the send's own call found when asked to finish the stage too (<see cref="TransferContext.FinishWithSend"/>); null when it did not.</summary>
    public Remotes.StageFinish? Finished { get; init; }

    /// <summary>
    /// The files sent in ranges, still in their part files, and the directories still to set: the send's last step,
    /// left to the finish's call (<see cref="TransferContext.FinishTakesRanges"/>); null when the send did it.
    /// </summary>
    public Remotes.RangesFinish? RangesLeft { get; init; }
}

/// <summary>
/// How the bytes of a transfer reach the target's stage: rsync between this machine and a server (push, pull), a
/// stream relayed through this machine, or rsync run on the source server itself (server to server). Everything
/// around it — plan, lock, stage, verification, publish — is the same <see cref="TransferOperation"/> walk.
/// </summary>
internal interface IStageTransport
{
    /// <summary>The report's Transport line.</summary>
    string Describe(TransferContext run);

    /// <summary>Learns what the transport's choice of means depends on (the round trip, say) before a dry run describes it.</summary>
    Task ProbeAsync(TransferContext run) => Task.CompletedTask;

    /// <summary>
    /// Told the source's listing before the target's one call before the bytes (<paramref name="basis"/>: the lookup
    /// of a version to start from, still running), so that what the send will need can start beside that call. What it
    /// returns is disposed when the walk ends, sent or not.
    /// </summary>
    IAsyncDisposable? Anticipate(Resolve.Endpoint source, Resolve.Endpoint target, TransferOptions options, Manifests.TreeListing sourceTree,
        Task<BasisLookup.Probe> basis, CancellationToken cancellationToken) => null;

    /// <summary>
    /// Brings the stage to the source: sends what it lacks or holds differently (and removes what the source lacks
    /// with <c>--delete</c>), telling <paramref name="onItem"/> about each file. <paramref name="only"/>: exactly those
    /// files, whatever their size and time (a re-send after a failed verification). Repeatable: a retry resumes.
    /// </summary>
    Task<StageSend> SendAsync(TransferContext run, IReadOnlyCollection<string>? only, Action<RsyncItem> onItem, ITransferProgress progress);
}

using ModelSync.Manifests;

namespace ModelSync.Remotes;

/// <summary>
/// What <see cref="IRemote.StartTargetAsync"/> is asked: the model about to be sent (<paramref name="Source"/>, as
/// scanned), who takes the lock, whether entries of the target the model lacks may stay there under the lock
/// (<paramref name="ExtrasUnderLock"/>: false when they would be removed, so that is agreed to before any lock), and
/// the most space the transfer can need (<paramref name="RoomNeeded"/>): with less free, the stage is left for the
/// caller to prepare once it has checked the space.
/// </summary>
public sealed record TargetStartRequest(TreeListing Source, LockHolder Holder, bool ExtrasUnderLock, long RoomNeeded);

/// <summary>Where <see cref="IRemote.StartTargetAsync"/> left the target.</summary>
public enum TargetStartState
{
    /// <summary>It holds every entry of the model as scanned (kind, size, mtime to the second, permission bits, link text): nothing taken.</summary>
    Same,

    /// <summary>It differs, but is a symlink or would lose entries: nothing taken, the caller goes step by step.</summary>
    Open,

    /// <summary>It differs and someone else holds its lock: nothing taken (<see cref="TargetStart.HeldBy"/> says who).</summary>
    Held,

    /// <summary>It differs: the lock is taken for the request's holder, free space measured and (given room) the stage prepared.</summary>
    Locked,
}

/// <summary>
/// The answer of <see cref="IRemote.StartTargetAsync"/>: the target's <paramref name="Listing"/> (as
/// <see cref="IRemote.ScanAsync"/> gives it, taken before the lock) and what was taken.
/// </summary>
public sealed record TargetStart(TargetStartState State, TreeListing? Listing)
{
    /// <summary>With <see cref="TargetStartState.Held"/>: the other holder and the lock's age.</summary>
    public LockAttempt.Held? HeldBy { get; init; }

    /// <summary>With <see cref="TargetStartState.Locked"/>: bytes free at the target (or its nearest existing ancestor).</summary>
    public long FreeBytes { get; init; }

    /// <summary>With <see cref="TargetStartState.Locked"/>: the stage is prepared (when there was room for the whole model).</summary>
    public bool StagePrepared { get; init; }

    /// <summary>With <see cref="StagePrepared"/>: the stage was made now, rather than kept from an earlier run.</summary>
    public bool StageMade { get; init; }

    /// <summary>
    /// With <see cref="TargetStartState.Same"/>: the previous version an earlier publish left beside the target, tried
    /// again under the lock and still not removable (null: none is left, or someone else held the lock). With
    /// <see cref="TargetStartState.Locked"/>: one in the way of this run's publish (it needs the old name) that this user
    /// cannot remove, found by looking only (nothing removed before the send); the stage is then left unprepared.
    /// </summary>
    public PreviousVersionLeft? PreviousLeft { get; init; }
}

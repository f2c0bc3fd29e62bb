using ModelSync.Remotes;
using ModelSync.Transfer;

namespace ModelSync.Publishing;

/// <summary>
/// A previous version an earlier publish could not remove, met by a run that finds the target up to date: tried again,
/// and one warning when it still cannot go, so a rerun never says all is well over a leftover. A server's one call
/// before the send does this itself (<see cref="TargetStart.PreviousLeft"/>); a target reached step by step (on this
/// machine, or named with --basis) is asked here, in one call of its own.
/// </summary>
internal static class LeftoverPreviousVersion
{
    /// <param name="command">The command line, recorded in the lock taken for the removal; null when this run holds the lock already.</param>
    public static async Task RetryAsync(TransferContext run, TargetStart? started, string? command, Action<string> warn)
    {
        var left = started is not null ? started.PreviousLeft
            : (await run.Target.Remote.RemovePreviousVersionAsync(run.Target.Path, command is null ? null : TargetLock.NewHolder(command), run.Cancellation)).Left;
        if (left is not null) warn(left.Warning(run.Target.Display));
    }
}

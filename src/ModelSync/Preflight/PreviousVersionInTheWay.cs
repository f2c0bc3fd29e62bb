using ModelSync.Errors;
using ModelSync.Remotes;

namespace ModelSync.Preflight;

/// <summary>
/// A previous version an earlier publish left beside the target, which the target's call before the send found this
/// user cannot remove (<see cref="TargetStart.PreviousLeft"/> with <see cref="TargetStartState.Locked"/>): the publish
/// needs its name, so a run that would publish stops before it sends a byte, rather than after the whole transfer.
/// A run that finds nothing to publish goes on (and warns about it, as every up-to-date run does).
/// </summary>
internal static class PreviousVersionInTheWay
{
    /// <summary>The failure for a run about to send to <paramref name="display"/>, or null when nothing is in the way.</summary>
    public static ModelSyncException? Refusal(string display, TargetStart? started) =>
        started is { State: TargetStartState.Locked, PreviousLeft: { } left }
            ? new ModelSyncException(
                $"{display} cannot be published: the previous version an earlier publish left at {left.Path} is in the way, and this user cannot remove it"
                + $"{(left.Why.Length == 0 ? "" : $" ({left.Why})")}; nothing was sent",
                ExitCodes.Failed, $"{PreviousVersionLeft.Removal(left.Path)}, then run the same command again")
            : null;
}

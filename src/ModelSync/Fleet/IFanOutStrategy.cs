using ModelSync.Paths;
using ModelSync.Transfer;

namespace ModelSync.Fleet;

/// <summary>
/// The units of work of a multi-server push. <see cref="Push"/>: one complete, independent push from this machine
/// to one target (its own lock, stage, verification and publish). <see cref="Copy"/>: one complete server-to-server
/// copy from a server that already holds the model to a target, equally locked, verified and published.
/// </summary>
public sealed record FanOutWork(
    Func<RemoteSpec, CancellationToken, Task<TransferResult>> Push,
    Func<RemoteSpec, RemoteSpec, CancellationToken, Task<RelayLeg<TransferResult>>> Copy);

/// <summary>How a multi-server push gets the model to its servers: which targets get which unit of work, and when.</summary>
public interface IFanOutStrategy
{
    /// <summary>What the report calls this strategy, e.g. <c>4 at a time</c>.</summary>
    string Describe(int targets);

    /// <summary>True when servers may receive the model from each other rather than from this machine.</summary>
    bool Relays { get; }

    /// <summary>
    /// One outcome per target, in the order given; a failed target never stops the others. <paramref name="onDone"/>
    /// hears each outcome as soon as it is known.
    /// </summary>
    Task<IReadOnlyList<TargetOutcome<TransferResult>>> RunAsync(IReadOnlyList<RemoteSpec> targets, FanOutWork work,
        Action<TargetOutcome<TransferResult>>? onDone, CancellationToken cancellationToken);
}

/// <summary>The plain fan-out: every target pushed from this machine, <paramref name="parallel"/> at a time.</summary>
public sealed class ParallelFanOut(int parallel) : IFanOutStrategy
{
    private readonly int _parallel = FleetRunner.CheckParallel(parallel);

    public string Describe(int targets) => FanOut.AtATime(_parallel, targets);

    public bool Relays => false;

    public Task<IReadOnlyList<TargetOutcome<TransferResult>>> RunAsync(IReadOnlyList<RemoteSpec> targets, FanOutWork work,
        Action<TargetOutcome<TransferResult>>? onDone, CancellationToken cancellationToken) =>
        FleetRunner.RunAsync(targets, _parallel, work.Push, FleetPush.Judge, onDone, cancellationToken);
}

/// <summary>
/// <c>--relay</c>: push once from this machine, then let the servers that hold the model copy it to the others,
/// server to server, tree-shaped (see <see cref="RelayScheduler"/>), at most <paramref name="parallel"/> legs at once.
/// </summary>
public sealed class RelayFanOut(int parallel) : IFanOutStrategy
{
    private readonly int _parallel = FleetRunner.CheckParallel(parallel);

    public string Describe(int targets) => $"relay: pushed once, then server to server, {FanOut.AtATime(_parallel, targets - 1)}";

    public bool Relays => true;

    public Task<IReadOnlyList<TargetOutcome<TransferResult>>> RunAsync(IReadOnlyList<RemoteSpec> targets, FanOutWork work,
        Action<TargetOutcome<TransferResult>>? onDone, CancellationToken cancellationToken) =>
        RelayScheduler.RunAsync(targets, _parallel, work.Push, work.Copy, FleetPush.Judge, onDone, cancellationToken);
}

internal static class FanOut
{
    public static string AtATime(int parallel, int targets) => Math.Min(parallel, Math.Max(targets, 1)) == 1 ? "one at a time" : $"{Math.Min(parallel, targets)} at a time";
}

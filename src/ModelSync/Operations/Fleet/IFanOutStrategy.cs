using ModelSync.Paths;

namespace ModelSync.Operations.Fleet;

/// <summary>
/// How a multi-server push gets the model to its servers. <c>push</c> is the unit of work: one complete,
/// independent push from this machine to one target (its own lock, stage, verification and publish). A strategy
/// decides which targets get it and when; one that relays (push to one server, let the others copy from it)
/// would use it for the first server and a server-to-server copy for the rest.
/// </summary>
public interface IFanOutStrategy
{
    /// <summary>What the report calls this strategy, e.g. <c>4 at a time</c>.</summary>
    string Describe(int targets);

    /// <summary>
    /// One outcome per target, in the order given; a failed target never stops the others. <paramref name="onDone"/>
    /// hears each outcome as soon as it is known.
    /// </summary>
    Task<IReadOnlyList<TargetOutcome<TransferResult>>> RunAsync(IReadOnlyList<RemoteSpec> targets,
        Func<RemoteSpec, CancellationToken, Task<TransferResult>> push, Action<TargetOutcome<TransferResult>>? onDone, CancellationToken cancellationToken);
}

/// <summary>The plain fan-out: every target pushed from this machine, <paramref name="parallel"/> at a time.</summary>
public sealed class ParallelFanOut(int parallel) : IFanOutStrategy
{
    private readonly int _parallel = parallel >= 1 ? parallel
        : throw Errors.ModelSyncException.Usage($"--parallel {parallel} must be at least 1", "e.g. --parallel 4");

    public string Describe(int targets) => Math.Min(_parallel, targets) == 1 ? "one at a time" : $"{Math.Min(_parallel, targets)} at a time";

    public Task<IReadOnlyList<TargetOutcome<TransferResult>>> RunAsync(IReadOnlyList<RemoteSpec> targets,
        Func<RemoteSpec, CancellationToken, Task<TransferResult>> push, Action<TargetOutcome<TransferResult>>? onDone, CancellationToken cancellationToken) =>
        FleetRunner.RunAsync(targets, _parallel, push, FleetPush.Judge, onDone, cancellationToken);
}

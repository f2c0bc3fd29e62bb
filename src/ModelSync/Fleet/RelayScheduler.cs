using System.Diagnostics;
using ModelSync.Paths;

namespace ModelSync.Fleet;

/// <summary>
/// What one server-to-server leg came to: the copy's result, or why its route failed (the source could not send to
/// the target, or the copy did not verify) — then the target is pushed from this machine instead.
/// </summary>
public sealed record RelayLeg<T>(T? Result, TargetFailure? RouteFailure)
    where T : class;

public static class RelayLeg
{
    public static RelayLeg<T> Copied<T>(T result) where T : class => new(result, null);

    public static RelayLeg<T> RouteFailed<T>(TargetFailure failure) where T : class => new(null, failure);
}

/// <summary>
/// The order of a relayed fan-out, apart from how anything is sent. The first target is pushed from this machine
/// (if that fails, the next one, until one holds the model); from then on every server that holds a good copy is a
/// source, sending to one waiting target at a time, with at most <c>parallel</c> legs running. The sources double
/// as each round lands (1 → 1, then 2 → 2, 4 → 4 …), so this machine's uplink carries the model once.
/// A leg that the copy unit throws from is that target's failure (this machine could not reach it, the target
/// refused, or the run was interrupted: a push would fare no better). A leg whose route failed is retried as a
/// push from this machine, with a warning, so relaying never loses a server a plain push would have reached.
/// A failed target is never a source; every target gets exactly one outcome.
/// </summary>
public static class RelayScheduler
{
    /// <param name="push">One complete push from this machine to a target.</param>
    /// <param name="copy">One complete copy from a source that holds the model to a target.</param>
    /// <param name="judge">Turns a finished result into a failure (a copy that did not verify).</param>
    public static async Task<IReadOnlyList<TargetOutcome<T>>> RunAsync<T>(IReadOnlyList<RemoteSpec> targets, int parallel,
        Func<RemoteSpec, CancellationToken, Task<T>> push, Func<RemoteSpec, RemoteSpec, CancellationToken, Task<RelayLeg<T>>> copy,
        Func<T, TargetFailure?>? judge, Action<TargetOutcome<T>>? onDone, CancellationToken cancellationToken)
        where T : class
    {
        FleetRunner.CheckParallel(parallel);
        var outcomes = new TargetOutcome<T>?[targets.Count];
        void Record(int index, TargetOutcome<T> outcome)
        {
            outcomes[index] = outcome;
            onDone?.Invoke(outcome);
        }

        var next = 0;
        var seeded = false;
        while (!seeded && next < targets.Count)
        {
            var outcome = await PushAsync(targets[next], null);
            Record(next, outcome);
            seeded = outcome.Ok;
            next++;
        }

        var waiting = new Queue<int>(Enumerable.Range(next, targets.Count - next));
        var sources = seeded ? new Queue<RemoteSpec>([targets[next - 1]]) : new Queue<RemoteSpec>();
        var fallbacks = new Queue<(int Index, string Warning)>();
        var running = new List<Task<Step<T>>>();
        while (waiting.Count > 0 || fallbacks.Count > 0 || running.Count > 0)
        {
            while (running.Count < parallel && fallbacks.TryDequeue(out var fallback))
                running.Add(FallbackAsync(fallback.Index, fallback.Warning));
            while (running.Count < parallel && waiting.Count > 0 && sources.Count > 0)
                running.Add(LegAsync(sources.Dequeue(), waiting.Dequeue()));
            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            var step = await finished;
            if (step.Source is { } source) sources.Enqueue(source);
            if (step.RouteFailure is { } failure)
            {
                fallbacks.Enqueue((step.Index, $"copy from {step.Source!.Alias} failed: {failure.Message}; pushed from this machine instead"));
                continue;
            }
            Record(step.Index, step.Outcome!);
            if (step.Outcome!.Ok) sources.Enqueue(targets[step.Index]);
        }
        return outcomes.Select(o => o!).ToList();

        async Task<Step<T>> LegAsync(RemoteSpec source, int index)
        {
            var target = targets[index];
            var clock = Stopwatch.StartNew();
            try
            {
                var leg = await copy(source, target, cancellationToken);
                var routeFailure = leg.RouteFailure ?? (leg.Result is null ? null : judge?.Invoke(leg.Result));
                if (routeFailure is not null) return new Step<T>(index, source, null, routeFailure);
                return new Step<T>(index, source, new TargetOutcome<T>(target, leg.Result, null, clock.Elapsed.TotalSeconds) { CopiedFrom = source.Alias }, null);
            }
            catch (Exception e) when (FleetRunner.Failure(e, cancellationToken) is { } failure)
            {
                return new Step<T>(index, source, new TargetOutcome<T>(target, null, failure, clock.Elapsed.TotalSeconds) { CopiedFrom = source.Alias }, null);
            }
        }

        async Task<Step<T>> FallbackAsync(int index, string warning) => new(index, null, await PushAsync(targets[index], warning), null);

        async Task<TargetOutcome<T>> PushAsync(RemoteSpec target, string? warning)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var result = await push(target, cancellationToken);
                return new TargetOutcome<T>(target, result, judge?.Invoke(result), clock.Elapsed.TotalSeconds) { Warning = warning };
            }
            catch (Exception e) when (FleetRunner.Failure(e, cancellationToken) is { } failure)
            {
                return new TargetOutcome<T>(target, null, failure, clock.Elapsed.TotalSeconds) { Warning = warning };
            }
        }
    }

    /// <summary>A finished leg or push: the source it freed (for a leg), and either the target's outcome or a route to retry.</summary>
    private sealed record Step<T>(int Index, RemoteSpec? Source, TargetOutcome<T>? Outcome, TargetFailure? RouteFailure)
        where T : class;
}

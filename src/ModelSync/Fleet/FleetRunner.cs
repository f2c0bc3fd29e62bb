using System.Diagnostics;
using ModelSync.Errors;
using ModelSync.Paths;

namespace ModelSync.Fleet;

/// <summary>
/// Runs one unit of work per server, at most <c>parallel</c> at once. Each server's failure is its own: it is
/// recorded as that server's outcome and the others go on. Outcomes come back in the order the servers were named.
/// </summary>
public static class FleetRunner
{
    public const int DefaultParallel = 4;

    /// <summary><paramref name="parallel"/> (<c>--parallel</c>), refused when it would run nothing at all.</summary>
    public static int CheckParallel(int parallel) => parallel >= 1 ? parallel
        : throw ModelSyncException.Usage($"--parallel {parallel} must be at least 1", "e.g. --parallel 4");

    /// <param name="judge">Turns a finished result into a failure when the unit returned one (a push whose copy did not verify).</param>
    /// <param name="onDone">Hears each server's outcome as soon as it is known, for a progress line.</param>
    public static async Task<IReadOnlyList<TargetOutcome<T>>> RunAsync<T>(IReadOnlyList<RemoteSpec> targets, int parallel,
        Func<RemoteSpec, CancellationToken, Task<T>> unit, Func<T, TargetFailure?>? judge, Action<TargetOutcome<T>>? onDone, CancellationToken cancellationToken)
        where T : class
    {
        using var gate = new SemaphoreSlim(CheckParallel(parallel));
        return await Task.WhenAll(targets.Select(async target =>
        {
            var outcome = await OneAsync(target);
            onDone?.Invoke(outcome);
            return outcome;
        }));

        async Task<TargetOutcome<T>> OneAsync(RemoteSpec target)
        {
            var clock = Stopwatch.StartNew();
            try
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    clock.Restart();
                    var result = await unit(target, cancellationToken);
                    return new TargetOutcome<T>(target, result, judge?.Invoke(result), clock.Elapsed.TotalSeconds);
                }
                finally
                {
                    gate.Release();
                }
            }
            catch (Exception e) when (Failure(e, cancellationToken) is { } failure)
            {
                return new TargetOutcome<T>(target, null, failure, clock.Elapsed.TotalSeconds);
            }
        }
    }

    /// <summary>What a unit's exception means for its server; null for anything that should end the whole command.</summary>
    public static TargetFailure? Failure(Exception e, CancellationToken cancellationToken) => e switch
    {
        ModelSyncException m => new TargetFailure(m.ExitCode, m.Message, m.Fix),
        OperationCanceledException when cancellationToken.IsCancellationRequested =>
            new TargetFailure(ExitCodes.Interrupted, "interrupted; the target was left as it was", "run the same command again: it resumes"),
        // A surprise on one server must not take the others down; it is still reported as one line.
        IOException or UnauthorizedAccessException or InvalidOperationException or FormatException or KeyNotFoundException =>
            new TargetFailure(ExitCodes.Failed, $"unexpected {e.GetType().Name}: {e.Message}", "rerun with MODEL_SYNC_DEBUG=1 for the details, and report it"),
        _ => null,
    };

    /// <summary>
    /// The exit code of a multi-server command: 0 when every server succeeded, otherwise the most serious of the
    /// failures' codes — 130 (interrupted), then 3 (a copy did not verify), then 2 (a target was refused), then 1.
    /// </summary>
    public static int ExitCode(IEnumerable<TargetFailure?> failures)
    {
        var codes = failures.OfType<TargetFailure>().Select(f => f.ExitCode).ToList();
        if (codes.Count == 0) return ExitCodes.Ok;
        foreach (var code in new[] { ExitCodes.Interrupted, ExitCodes.VerificationFailed, ExitCodes.Usage })
            if (codes.Contains(code)) return code;
        return ExitCodes.Failed;
    }
}

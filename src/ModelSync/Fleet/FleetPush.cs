using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Resolve;
using ModelSync.Text;
using ModelSync.Transfer;

namespace ModelSync.Fleet;

/// <summary>A push to several servers: what was sent where, and which servers to retry.</summary>
public sealed record FleetPushResult(string Source, string Strategy, bool DryRun, double Seconds, IReadOnlyList<TargetOutcome<TransferResult>> Targets)
{
    public int ExitCode => FleetRunner.ExitCode(Targets.Select(t => t.Failure));

    public IReadOnlyList<RemoteSpec> Failed => Targets.Where(t => !t.Ok).Select(t => t.Target).ToList();

    /// <summary>True when servers could receive the model from each other (<c>--relay</c>): the report says where each copy came from.</summary>
    public bool Relayed { get; init; }
}

/// <summary>
/// <c>push ./model reaper doomfist</c>, <c>push ./model @gpu</c>: the same push to each server, each one the
/// ordinary single-server push (so locks, stages, verification and publish are per server), run by a
/// <see cref="IFanOutStrategy"/>. The source is hashed once for all: the session's hasher joins identical requests.
/// With a relaying strategy, a server may instead get a <see cref="RelayCopy"/> from a server that has it.
/// </summary>
public static class FleetPush
{
    public static async Task<FleetPushResult> RunAsync(RemoteSession session, string localPath, IReadOnlyList<RemoteSpec> targets, bool outsideBase,
        TransferOptions options, IFleetProgress progress, IFanOutStrategy strategy, CancellationToken cancellationToken)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Refusals that hold for every server are made once, before any server is contacted.
        var source = EndpointResolver.LocalSource(localPath);
        foreach (var target in targets) EndpointResolver.RefuseLatest(target, Direction.Push);
        var relay = new RelayCopy(session, PosixPath.Name(source), outsideBase, options, progress);
        Task<TransferResult> PushAsync(RemoteSpec target, CancellationToken token)
        {
            var line = progress.For(target);
            return PushPull.PushAsync(session, localPath, target.ToString(), outsideBase, options, line, (_, to) =>
            {
                relay.Holds(target, to);
                line.Phase($"target {to.Display}");
            }, token);
        }
        // A dry run leaves nothing on a server to copy on, so a planned leg asks the target what a push would send:
        // the copy would send the same, as its source holds the same files. The scheduler still picks the route.
        var work = new FanOutWork(PushAsync, options.DryRun
            ? async (_, target, token) => RelayLeg.Copied(await PushAsync(target, token))
            : relay.RunAsync);
        var outcomes = await strategy.RunAsync(targets, work, progress.Done, cancellationToken);
        return new FleetPushResult(localPath, strategy.Describe(targets.Count), options.DryRun, clock.Elapsed.TotalSeconds, outcomes) { Relayed = strategy.Relays };
    }

    /// <summary>A push that finished but whose copy did not verify is a failure of that server (exit 3).</summary>
    public static TargetFailure? Judge(TransferResult result) =>
        result.Verification.Status != VerifyStatus.Failed ? null
            : new TargetFailure(ExitCodes.VerificationFailed,
                $"{Human.Count(result.Verification.Mismatched.Count, "file")} differ{(result.Verification.Mismatched.Count == 1 ? "s" : "")} after transfer; {result.Target} was not changed", "rerun to retry");
}

using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// Server to server without this machine in the data path: the source server runs rsync itself, over its own ssh
/// login to the target, straight into the target's stage. This machine only starts it and reads its report. The
/// source's ssh uses its own keys, or this machine's agent when the source alias says <c>forward_agent: true</c>.
/// </summary>
internal sealed class DirectStageTransport(IProcessRunner runner) : IStageTransport
{
    private bool _reachable;

    public string Describe(TransferContext run) =>
        $"direct {run.Source.Remote.Alias.Name} → {run.Target.Remote.Alias.Name} (rsync run on {run.Source.Remote.Alias.Name}, its own ssh to {DirectRoute.To(run.Target.Remote.Alias).Display}"
        + $"{(run.Source.Remote.Alias.ForwardAgent ? ", your ssh agent forwarded" : "")}); "
        + (run.Options.Compress ? "compression for compressible files (never weights)" : "no compression") + StageFollower.Describe(run);

    public async Task<StageSend> SendAsync(TransferContext run, IReadOnlyCollection<string>? only, Action<RsyncItem> onItem, ITransferProgress progress)
    {
        var source = run.Source.Remote as SshRemote
            ?? throw ModelSyncException.Usage($"{run.Source.Remote.Alias.Name} is not a server", "copy --direct runs rsync on the source server; leave out --direct");
        var route = DirectRoute.To(run.Target.Remote.Alias);
        if (!_reachable) await source.RequireReachAsync(route, run.Cancellation);
        _reachable = true;
        run = await RsyncBlindSpots.ListReusedStageAsync(run, only);
        var slash = run.IsDirectory ? "/" : "";
        var request = new RsyncRequest(run.Source.Path + slash, RsyncAddress.HostSpec(route.Host, run.Stage + slash), RsyncAddress.RemoteShellCommand(route.SshCommand),
            run.Options.Delete, run.Options.Compress)
        {
            OnlyFiles = run.IsDirectory ? only : null,
            IgnoreTimes = only is not null,
            LiveProgress = progress.WantsLiveProgress,
            BandwidthLimit = run.Options.BandwidthLimit,
            SingleFileSource = run.SourceTree.RootKind == EntryKind.File,
        };
        var (stats, followed) = await StageFollower.AroundAsync(runner, run, only, () => new RsyncRunner(runner).RunAllAsync(RsyncStageTransport.Runs(run, request),
            run.Plan.BytesToSend, source.Alias, onItem,
            progress.WantsLiveProgress ? progress.Bytes : null, run.Cancellation, source.RsyncProcess));
        return new StageSend(stats.BytesSent, stats.LiteralBytes) { Followed = followed };
    }
}

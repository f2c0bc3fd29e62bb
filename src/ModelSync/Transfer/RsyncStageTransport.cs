using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Text;

namespace ModelSync.Transfer;

/// <summary>rsync run on this machine between a local path and a server, or two local paths: push and pull.</summary>
internal sealed class RsyncStageTransport(IProcessRunner runner) : IStageTransport
{
    public string Describe(TransferContext run)
    {
        var compression = (run.Options.Compress ? "compression for compressible files (never weights)" : "no compression") + StageFollower.Describe(run);
        if (new[] { run.Source.Remote, run.Target.Remote }.OfType<LocalRemote>().FirstOrDefault(r => r.MountedFrom is not null) is { } mount)
            return $"{mount.Connection}, copied here by rsync; {compression}";
        var server = run.Source.Remote.Alias.IsLocal ? run.Target.Remote : run.Source.Remote;
        return $"rsync over {server.Connection}; {compression}";
    }

    public async Task<StageSend> SendAsync(TransferContext run, IReadOnlyCollection<string>? only, Action<RsyncItem> onItem, ITransferProgress progress)
    {
        run = await RsyncBlindSpots.ListReusedStageAsync(run, only);
        var slash = run.IsDirectory ? "/" : "";
        var from = run.Source.Remote.Rsync(run.Source.Path + slash);
        var to = run.Target.Remote.Rsync(run.Stage + slash);
        if (from.RemoteShell is not null && to.RemoteShell is not null)
            throw ModelSyncException.Usage("both sides are servers", $"use `{ToolName.Command} copy` to copy between two servers");
        var request = new RsyncRequest(from.Spec, to.Spec, from.RemoteShell ?? to.RemoteShell, run.Options.Delete, run.Options.Compress)
        {
            OnlyFiles = run.IsDirectory ? only : null,
            IgnoreTimes = only is not null,
            LiveProgress = progress.WantsLiveProgress,
            BandwidthLimit = run.Options.BandwidthLimit,
            SingleFileSource = run.SourceTree.RootKind == EntryKind.File,
        };
        var remoteAlias = from.RemoteShell is not null ? run.Source.Remote.Alias : run.Target.Remote.Alias;
        var (stats, followed) = await StageFollower.AroundAsync(runner, run, only, () => new RsyncRunner(runner).RunAllAsync(Runs(run, request), run.Plan.BytesToSend,
            remoteAlias, onItem, progress.WantsLiveProgress ? progress.Bytes : null, run.Cancellation));
        return new StageSend(WireBytes(run.Source, stats), stats.LiteralBytes) { Followed = followed };
    }

    /// <summary>
    /// The rsync runs for one send: first the files rsync's quick check would pass over (<see cref="RsyncBlindSpots"/>),
    /// then weights in a run without compression when the request compresses.
    /// </summary>
    internal static IReadOnlyList<RsyncRequest> Runs(TransferContext run, RsyncRequest request) => RsyncBlindSpots.First(run, request, !request.Compress ? [request]
        : CompressionSplit.Split(request, run.IsDirectory, PosixPath.Name(run.Source.Path), CompressionSplit.Weights(run.SourceTree),
            run.Plan.ToSend.Where(e => e.Kind == EntryKind.File).Select(e => e.Path)));

    /// <summary>Bytes that crossed the wire: what this machine's rsync sent for a push, what it received for a pull.</summary>
    private static long WireBytes(Endpoint source, RsyncStats stats) =>
        source.Remote.Rsync(source.Path).RemoteShell is null ? stats.BytesSent : stats.BytesReceived;
}

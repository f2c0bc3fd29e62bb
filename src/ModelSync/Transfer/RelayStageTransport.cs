using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// Server to server through this machine: <c>tar -c</c> on the source streams, through one fixed buffer here,
/// into <c>tar -x</c> in the target's stage. Nothing is stored on this machine and no byte is held in memory
/// beyond that buffer. What to send is planned against the stage itself, so a rerun resumes where the last one stopped.
/// </summary>
internal sealed class RelayStageTransport(IProcessRunner runner) : IStageTransport
{
    public string Describe(TransferContext run) =>
        $"relay via this machine (tar streamed from {run.Source.Remote.Alias.Name} to {run.Target.Remote.Alias.Name} over two ssh connections, nothing stored here); no compression";

    public async Task<StageSend> SendAsync(TransferContext run, IReadOnlyCollection<string>? only, Action<RsyncItem> onItem, ITransferProgress progress)
    {
        var stageTree = run.FreshStage ?? await run.Target.Remote.ScanAsync(run.Stage, run.Cancellation);
        var plan = Planner.Plan(run.SourceTree, stageTree?.RootKind == run.SourceTree.RootKind ? stageTree : null, new PlanOptions(run.Options.Delete));
        if (only is null && run.IsDirectory) await ClearAsync(run, plan, onItem);
        var wanted = only is null ? null : new HashSet<string>(only, StringComparer.Ordinal);
        var send = (wanted is null ? plan.ToSend.Select(e => e.Source!) : run.SourceTree.Entries.Where(e => wanted.Contains(e.Path))).ToList();
        foreach (var file in send.Where(f => f.Kind == EntryKind.File)) onItem(new RsyncItem(file.Path, file.Size, false));

        // Every directory goes too (a header each), the model's root first: unpacking into one changes its time, and tar puts it back.
        var paths = run.SourceTree.Entries.Where(e => e.Kind == EntryKind.Directory).Concat(send).Select(e => e.Path).Distinct().Order(StringComparer.Ordinal);
        var producer = run.Source.Remote.TarSendProcess(run.Source.Path, run.SourceTree.RootKind, paths) with { EndWithParent = true };
        var consumer = run.Target.Remote.TarReceiveProcess(run.Stage, run.SourceTree.RootKind, PosixPath.Name(run.Source.Path), []) with { EndWithParent = true };
        var literal = send.Where(f => f.Kind == EntryKind.File).Sum(f => f.Size);
        var result = await ProcessPipe.RunAsync(runner, producer, consumer, StageBar.For(progress, literal), run.Options.BandwidthLimit, run.Cancellation);
        // tar's exit 1 means a file changed while it was read: the check of the source after the send names it.
        if (result.Producer.ExitCode is not (0 or 1))
            throw RemoteFailure.Describe(run.Source.Remote.Alias, $"read {run.Source.Path} for the relay", result.Producer);
        if (result.Consumer.ExitCode != 0)
            throw RemoteFailure.Describe(run.Target.Remote.Alias, "unpack the relayed files into the staging area", result.Consumer);
        return new StageSend(result.Bytes, literal);
    }

    /// <summary>Removes what <c>--delete</c> drops and whatever changes kind (a directory that becomes a file), as rsync's <c>--force</c> does.</summary>
    private static async Task ClearAsync(TransferContext run, TransferPlan plan, Action<RsyncItem> onItem)
    {
        var doomed = plan.Entries.Where(e => e.Delete || (e.Source is not null && e.Target is not null && e.Source.Kind != e.Target.Kind)).ToList();
        if (doomed.Count == 0) return;
        await run.Target.Remote.RemoveFromStageAsync(run.Stage, doomed.Select(e => e.Path), run.Cancellation);
        foreach (var entry in doomed.Where(e => e.Delete && e.Kind == EntryKind.File)) onItem(new RsyncItem(entry.Path, 0, true));
    }
}

using ModelSync.Manifests;
using ModelSync.Remotes;
using ModelSync.Transfer;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Support;

/// <summary>
/// Fills the stage of a <see cref="MemoryRemote"/> target from a <see cref="MemoryRemote"/> source as rsync would:
/// the source's directories, then what the plan sends (or exactly <c>only</c>), times kept; with <c>--delete</c>,
/// what the source lacks removed.
/// </summary>
internal sealed class MemoryStageTransport : IStageTransport
{
    private int _sends;

    public int Sends => _sends;

    /// <summary>Files written with other content than the source's, on every send: a disk or wire that damages them.</summary>
    public HashSet<string> Damaged { get; } = new(StringComparer.Ordinal);

    /// <summary>Files written with other content than the source's on the first send only: damage a re-send repairs.</summary>
    public HashSet<string> DamagedOnce { get; } = new(StringComparer.Ordinal);

    /// <summary>Runs after each send, e.g. to change the source while it is read.</summary>
    public Action? AfterSend { get; set; }

    /// <summary>Asked to (<see cref="TransferContext.FinishWithSend"/>), finishes the stage in the send, as a small new model's tar stream does.</summary>
    public bool FinishesInSend { get; set; }

    /// <summary>
    /// As a streamed send with nothing left for rsync after its streams: its range records stay in the stage for the
    /// finish's call to clear when that takes them (<see cref="TransferContext.FinishTakesRanges"/>); else the send clears them.
    /// </summary>
    public bool LeavesRanges { get; set; }

    /// <summary>Hashes each file it wrote as read back from the stage (<see cref="StageSend.Written"/>), as the relay does.</summary>
    public bool ReadsBack { get; set; }

    public string Describe(TransferContext run) => "in memory";

    public async Task<StageSend> SendAsync(TransferContext run, IReadOnlyCollection<string>? only, Action<RsyncItem> onItem, ITransferProgress progress)
    {
        Interlocked.Increment(ref _sends);
        var source = (MemoryRemote)run.Source.Remote;
        var target = (MemoryRemote)run.Target.Remote;
        string From(string path) => run.IsDirectory ? run.Source.Path + "/" + path : run.Source.Path;
        string To(string path) => run.IsDirectory ? run.Stage + "/" + path : run.Stage;
        foreach (var directory in run.SourceTree.Entries.Where(e => e.Kind == EntryKind.Directory && !target.Exists(To(e.Path))))
            target.Dir(To(directory.Path), directory.ModifiedUnixSeconds);
        if (only is null)
        {
            foreach (var doomed in run.Plan.ToDelete) target.Remove(To(doomed.Path));
        }
        var bytes = 0L;
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in only ?? [.. run.Plan.ToSend.Select(e => e.Path)])
        {
            var damaged = Damaged.Contains(path) || (_sends == 1 && DamagedOnce.Contains(path));
            var size = target.CopyFrom(source, From(path), To(path), damaged ? "damaged" : null);
            bytes += size;
            if (ReadsBack && target.Read(To(path)) is { } content) written[run.IsDirectory ? path : ""] = MemoryRemote.HashOf(content);
            onItem(new RsyncItem(path, size, false));
        }
        var finished = FinishesInSend && run.FinishWithSend is { } finish ? await target.FinishStageAsync(run.Target.Path, finish.NextRequest(), run.Cancellation) : null;
        if (finished is { Published: true }) run.FinishWithSend!.Published();
        RangesFinish? left = null;
        if (LeavesRanges && only is null && run.IsDirectory)
        {
            var records = run.Stage + "/" + RangeRecords.DirectoryName;
            target.Dir(records, Time);
            left = new RangesFinish(records, [], []);
            if (!run.FinishTakesRanges) await target.FinishRangesAsync(records, run.Stage, run.SourceTree.RootKind, [], [], run.Cancellation);
        }
        AfterSend?.Invoke();
        return new StageSend(bytes, bytes) { Finished = finished, RangesLeft = run.FinishTakesRanges ? left : null, Written = ReadsBack ? written : null };
    }
}

using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Text;

namespace ModelSync.Transfer;

/// <summary>
/// Push and pull over parallel streams. Files with nothing in the stage to delta against go over N streams, each
/// its own ssh connection (so neither one channel's window nor one TCP window caps the total): small ones whole in a
/// tar stream, big ones as byte ranges written at their offsets into a fresh part file on the receiver, renamed into
/// the stage once whole. Then rsync, over the shared connection, does what it is good at: deltas of changed files,
/// links, directories, modes, removals. One stream means rsync alone, as before.
/// </summary>
internal sealed class StreamStageTransport(IProcessRunner runner) : IStageTransport
{
    private readonly RsyncStageTransport _rsync = new(runner);
    private readonly RangeLayout _layout = RangeLayout.FromEnvironment();
    private StreamShare? _sent;
    private TimeSpan? _roundTrip;
    private bool _tarOnly;
    /// <summary>The send left nothing for rsync (<see cref="StreamedRest"/>).</summary>
    private bool _noRest;
    /// <summary>What <see cref="Anticipate"/> started (owned by the walk, which disposes it): the round trip, the connections.</summary>
    private StreamWarmUp? _warm;
    /// <summary>Sends begun with the stage this run made: only the first finds it as it was made.</summary>
    private int _sends;

    /// <summary>What the streams moved, for the report: streams, files whole and bytes, files in ranges, ranges and bytes.</summary>
    private sealed record StreamShare(int Streams, int WholeFiles, long WholeBytes, int RangedFiles, int Ranges, long RangedBytes);

    /// <summary>Streams only between this machine and a server: the stream's ends are this machine's processes and one ssh each.</summary>
    private static bool BetweenHereAndServer(TransferContext run) => BetweenHereAndServer(run.Source.Remote, run.Target.Remote);

    private static bool BetweenHereAndServer(IRemote source, IRemote target) =>
        (source, target) is (LocalRemote { MountedFrom: null }, SshRemote) or (SshRemote, LocalRemote { MountedFrom: null });

    /// <summary>
    /// Beside the target's call before the bytes: the round trip, and the connections the whole source would need
    /// (<see cref="StreamWarmUp"/>), unless one stream is sure already (compression, <c>--streams 1</c>, too little to
    /// send) or something suggests the target holds part of the model (a basis, the target itself in its parent's listing).
    /// </summary>
    public IAsyncDisposable? Anticipate(Endpoint source, Endpoint target, TransferOptions options, TreeListing sourceTree, Task<BasisLookup.Probe> basis, CancellationToken cancellationToken)
    {
        if (options.Compress || options.Streams is 1 || !BetweenHereAndServer(source.Remote, target.Remote)) return null;
        var files = sourceTree.Files.Select(f => new StreamFile(f.Path, f.Size)).ToList();
        var bytes = files.Sum(f => f.Size);
        if (options.Streams is null && StreamCount.ByBytes(bytes) <= 1) return null;
        var server = source.Remote is SshRemote ? source.Remote : target.Remote;
        var warm = new StreamWarmUp(source.Remote, target.Remote, options.Streams is null ? (pending, token) => StreamCount.RoundTripAsync(server, runner, token, pending) : null,
            token => NothingToBuildOnAsync(basis, target, options.Streams is not null, token), roundTrip => BusyStreams(StreamCount.Choose(options.Streams, bytes, false, roundTrip), files),
            cancellationToken);
        _warm = warm;
        return warm;
    }

    /// <summary>The streams that would carry something if all of <paramref name="files"/> were sent over <paramref name="count"/>.</summary>
    private int BusyStreams(int count, IReadOnlyList<StreamFile> files) =>
        count <= 1 ? 0 : StreamPlanner.Spread(files, count, _layout, _ => new HashSet<long>()).Count(l => l.Items.Count > 0);

    /// <summary>
    /// Whether the target is known to be absent with no basis to seed it: an update or a no-op must not open the streams'
    /// connections only to close them. When the basis lookup listed nothing (a name outside the naming pattern,
    /// <c>--basis none</c>), the target's own entries are listed here (not scanned: that is the target's call's),
    /// beside the target's call: missing or empty, it has nothing to build on. Streams asked for by <c>--streams</c>
    /// open at once then: the stage's listing abandons them if it leaves nothing for them.
    /// </summary>
    internal static async Task<bool> NothingToBuildOnAsync(Task<BasisLookup.Probe> basis, Endpoint target, bool streamsAskedFor, CancellationToken cancellationToken)
    {
        try
        {
            var probe = await basis;
            if (probe.Named is not null || probe.Likely is not null) return false;
            if (probe.Beside is { } beside) return !beside.Any(e => e.Path == PosixPath.Name(target.Path));
            if (streamsAskedFor) return true;
            return (await target.Remote.ListDirectoryAsync(target.Path, cancellationToken)).Count == 0;
        }
        catch (Exception e) when (e is Errors.ModelSyncException or OperationCanceledException)
        {
            // The walk reports the lookup's failure; the send opens its connections when it knows what it sends.
            return false;
        }
    }

    public string Describe(TransferContext run)
    {
        // A dry run makes no stage: a new model (nothing there, no basis) would get an empty one.
        if (_tarOnly || run.Options.DryRun && run.TargetTree is null && run.Basis is null
            && BetweenHereAndServer(run) && FreshStageTar.Fits(run with { FreshStage = new TreeListing(EntryKind.Directory, []) }))
            return FreshStageTar.Describe(run);
        var share = _sent ?? Forecast(run);
        if (share is null) return _rsync.Describe(run);
        var server = run.Source.Remote is SshRemote ? run.Source.Remote : run.Target.Remote;
        var parts = new List<string>();
        if (share.WholeFiles > 0) parts.Add($"{Human.Count(share.WholeFiles, "file")} whole in tar ({Human.Bytes(share.WholeBytes)})");
        if (share.RangedFiles > 0) parts.Add($"{Human.Count(share.RangedFiles, "file")} in {Human.Count(share.Ranges, "byte range")} ({Human.Bytes(share.RangedBytes)})");
        var roundTrip = _roundTrip is { } rtt ? $" (round trip {rtt.TotalMilliseconds:0} ms)" : "";
        return $"{share.Streams} parallel streams to {server.Alias.Name}{roundTrip}, each its own ssh connection: {string.Join(", ", parts)}; "
            + (_noRest ? "modes and directories set as they arrived (nothing left for rsync)" : $"the rest by {_rsync.Describe(run)}");
    }

    /// <summary>
    /// The round trip to the server, measured (once) only when it decides: no <c>--streams</c>, and enough to send that
    /// more than one stream would pay over a long one.
    /// </summary>
    public async Task ProbeAsync(TransferContext run)
    {
        if (_roundTrip is not null || run.Options.Streams is not null || run.Options.Compress || !BetweenHereAndServer(run)) return;
        // Against the basis when there is one: what it holds goes by rsync, and needs no streams (nor their round trip).
        var fresh = (run.Basis?.Plan(run.SourceTree) ?? run.Plan).ToSend.Where(e => e.Kind == EntryKind.File && e.Target?.Kind != EntryKind.File).Sum(e => e.Source!.Size);
        if (StreamCount.ByBytes(fresh) <= 1) return;
        _roundTrip = _warm?.RoundTrip is { } measuring && await measuring is { } measured ? measured
            : await StreamCount.RoundTripAsync(run.Source.Remote is SshRemote ? run.Source.Remote : run.Target.Remote, runner, run.Cancellation);
    }

    /// <summary>Before the send (and for <c>--dry-run</c>): the split the target's listing predicts; null when rsync alone will send.</summary>
    private StreamShare? Forecast(TransferContext run) => Share(ForecastPlan(run));

    private StreamPlan? ForecastPlan(TransferContext run)
    {
        if (!BetweenHereAndServer(run)) return null;
        // A new version's stage starts from its basis: what that holds goes by rsync, as deltas.
        var predicted = run.Basis?.Plan(run.SourceTree) ?? run.Plan;
        var fresh = predicted.ToSend.Where(e => e.Kind == EntryKind.File && e.Target?.Kind != EntryKind.File).Select(e => e.Source!).ToList();
        return Plan(run, fresh, new Dictionary<string, IReadOnlySet<long>>());
    }

    public async Task<StageSend> SendAsync(TransferContext run, IReadOnlyCollection<string>? only, Action<RsyncItem> onItem, ITransferProgress progress)
    {
        (_sent, _tarOnly, _noRest) = (null, false, false);
        // A re-send after a failed verification goes by rsync: it has the stage's copy to delta against.
        if (only is not null || !BetweenHereAndServer(run)) return await _rsync.SendAsync(run, only, onItem, progress);
        if (FreshStageTar.Fits(run) && await FreshStageTar.SendAsync(runner, run, onItem, progress) is { } tarred)
        {
            _tarOnly = true;
            return tarred;
        }
        await ProbeAsync(run);
        // A retried send (after a dropped connection) finds what the try before left in the stage.
        var retried = _sends++ > 0;
        var records = RangeRecords.Root(run);
        // The streams' connections (a handshake each) open while the stage is listed: the target's listing says how many.
        var wanted = ForecastPlan(run)?.Loads.Count(l => l.Items.Count > 0) ?? 0;
        // Those opened ahead are taken only once the stage's listing says they carry something.
        var opening = _warm is null ? StreamConnection.OpenAsync(run, wanted) : null;
        TreeListing?[] scans;
        try
        {
            // A directory stage this run has just made is known without a call, and holds no ranges yet.
            scans = run.FreshStage is { } made && !retried ? [made, null]
                : await Task.WhenAll(run.Target.Remote.ScanAsync(run.Stage, run.Cancellation), run.Target.Remote.ScanAsync(records, run.Cancellation));
        }
        catch
        {
            if (opening is not null) await StreamConnection.CloseAllAsync(opening);
            throw;
        }
        var stagePlan = Planner.Plan(run.SourceTree, scans[0]?.RootKind == run.SourceTree.RootKind ? scans[0] : null, new PlanOptions(false));
        var fresh = stagePlan.Entries.Where(e => e.Source is { Kind: EntryKind.File } && e.Target?.Kind != EntryKind.File).Select(e => e.Source!).ToList();
        var plan = Plan(run, fresh, RangeRecords.Done(scans[1]));
        if (plan is null)
        {
            if (opening is not null) await StreamConnection.CloseAllAsync(opening);
            _warm?.Abandon();
            // Ranges an earlier run left, which rsync now sends whole: their records go.
            if (scans[1] is not null) await run.Target.Remote.FinishRangesAsync(records, run.Stage, run.SourceTree.RootKind, [], [], run.Cancellation);
            return await _rsync.SendAsync(run with { StageListed = Listed(run, scans[0]) }, null, onItem, progress);
        }

        // What stands where a fresh file goes (a link, a directory that became a file) goes first, as rsync's --force would.
        // The send tops them up to what its loads need, and closes any it has no load for.
        opening ??= _warm?.Take() ?? StreamConnection.OpenAsync(run, wanted);
        var doomed = stagePlan.Entries.Where(e => e.ReplacesKind).Select(e => e.Path).ToList();
        var settled = StreamedRest.Directories(run, scans[0], fresh);
        // With nothing left for rsync, the finish's call moves the ranged files into place: one round trip, not two.
        var (wire, left) = await SendOverStreamsAsync(run, plan, records, opening, async () =>
        {
            if (run.IsDirectory && doomed.Count > 0) await run.Target.Remote.RemoveFromStageAsync(run.Stage, doomed, run.Cancellation);
        }, settled ?? [], settled is not null && run.FinishTakesRanges, onItem, progress);
        _sent = Share(plan);
        if (settled is not null)
        {
            _noRest = true;
            return new StageSend(wire, fresh.Sum(f => f.Size)) { RangesLeft = left };
        }

        // rsync then finds the streamed files in place (same size and time) and sends everything else.
        var streamed = new HashSet<string>(fresh.Select(f => f.Path), StringComparer.Ordinal);
        var rest = run with
        {
            Plan = new TransferPlan([.. run.Plan.Entries.Where(e => !streamed.Contains(e.Path))]) { NeedsDelete = run.Plan.NeedsDelete },
            StageListed = Listed(run, scans[0]),
        };
        var rsync = await _rsync.SendAsync(rest, null, onItem, progress);
        return new StageSend(wire + rsync.WireBytes, fresh.Sum(f => f.Size) + rsync.LiteralBytes) { Followed = rsync.Followed };
    }

    /// <summary>The stage's listing before the send, for rsync's blind spots (streamed files were not in it: nothing of theirs was there to pass over).</summary>
    private static TreeListing Listed(TransferContext run, TreeListing? stage) => stage ?? new TreeListing(run.SourceTree.RootKind, []);

    /// <summary>The streams' plan for <paramref name="fresh"/>; null when one stream (rsync alone) is the choice.</summary>
    private StreamPlan? Plan(TransferContext run, List<TreeEntry> fresh, IReadOnlyDictionary<string, IReadOnlySet<long>> done)
    {
        var count = StreamCount.Choose(run.Options.Streams, fresh.Sum(f => f.Size), run.Options.Compress, _roundTrip);
        if (count <= 1 || fresh.Count == 0) return null;
        var sources = fresh.ToDictionary(f => f.Path, StringComparer.Ordinal);
        string Key(StreamFile file) => RangeRecords.Key(sources[file.Path], _layout.RangeSize(file.Size));
        var loads = StreamPlanner.Spread([.. fresh.Select(f => new StreamFile(f.Path, f.Size))], count, _layout,
            file => done.TryGetValue(Key(file), out var offsets) ? offsets : new HashSet<long>());
        var ranged = fresh.Where(f => _layout.Splits(f.Size)).ToList();
        return new StreamPlan(loads, ranged, Key);
    }

    private static StreamShare? Share(StreamPlan? plan)
    {
        if (plan is null) return null;
        var items = plan.Loads.SelectMany(l => l.Items).ToList();
        var whole = items.OfType<WholeFiles>().SelectMany(w => w.Files).ToList();
        var ranges = items.OfType<FileRange>().ToList();
        return new StreamShare(plan.Loads.Count, whole.Count, whole.Sum(f => f.Size), plan.Ranged.Count, ranges.Count, ranges.Sum(r => r.Range.Length));
    }

    /// <summary>
    /// Runs the streams side by side, then moves the files sent in ranges into the stage, unless <paramref name="leave"/>:
    /// then that is returned for the finish's call to do. Returns the bytes that went over the wire.
    /// </summary>
    private async Task<(long Wire, RangesFinish? Left)> SendOverStreamsAsync(TransferContext run, StreamPlan plan, string records, Task<IReadOnlyList<StreamConnection>> opening,
        Func<Task> clear, IReadOnlyList<StagedDirectory> directories, bool leave, Action<RsyncItem> onItem, ITransferProgress progress)
    {
        var expected = plan.Loads.Sum(l => l.Bytes);
        var bar = StageBar.For(progress, expected);
        long moved = 0;
        void Moved(long bytes) => bar?.Invoke(Interlocked.Add(ref moved, bytes));
        string Record(StreamItem item) => PosixPath.Combine(records, plan.Key(((FileRange)item).File));
        void Sent(StreamItem item)
        {
            if (item is WholeFiles whole) foreach (var file in whole.Files) onItem(new RsyncItem(file.Path, file.Size, false));
        }

        long wire;
        var busy = plan.Loads.Where(l => l.Items.Count > 0).ToList();
        // --bwlimit is the total: each stream paces itself to its share (none is busy when a rerun finds every range done).
        var limit = run.Options.BandwidthLimit is { } total ? Math.Max(1, total / Math.Max(1, busy.Count)) : (int?)null;
        var connections = new List<StreamConnection>();
        try
        {
            var clearing = clear();
            try
            {
                connections.AddRange(await opening);
            }
            finally
            {
                await clearing;
            }
            if (connections.Count < busy.Count) connections.AddRange(await StreamConnection.OpenAsync(run, busy.Count - connections.Count));
            // Opened ahead for more than the stage turned out to need: idle, they only hold a connection each.
            if (connections.Count > busy.Count)
            {
                var idle = connections[busy.Count..];
                connections.RemoveRange(busy.Count, idle.Count);
                await StreamConnection.CloseAsync(idle);
            }
            var sends = busy.Select((load, i) =>
                new StreamSender(runner, run, connections[i], i + 1, limit, Moved, progress).SendAsync(load, Record, Sent));
            wire = (await Task.WhenAll(sends)).Sum();
        }
        catch
        {
            await StreamConnection.CloseAsync(connections);
            throw;
        }
        var finished = plan.Ranged.Select(f => new RangedFile(plan.Key(new StreamFile(f.Path, f.Size)), f.Path, _layout.Ranges(f.Size).Count(), RangeRecords.Mtime(f))
        {
            Mode = StreamedRest.Mode(f),
        }).ToList();
        var left = new RangesFinish(records, finished, directories);
        // The streams' connections close while the shared one moves the ranged files into the stage (or is left to).
        await Task.WhenAll(StreamConnection.CloseAsync(connections),
            leave ? Task.CompletedTask : run.Target.Remote.FinishRangesAsync(records, run.Stage, run.SourceTree.RootKind, finished, directories, run.Cancellation));
        foreach (var file in plan.Ranged) onItem(new RsyncItem(file.Path, file.Size, false));
        return (wire, leave ? left : null);
    }

    /// <summary>The loads of the streams, the files sent in ranges, and each such file's record name.</summary>
    private sealed record StreamPlan(IReadOnlyList<StreamLoad> Loads, IReadOnlyList<TreeEntry> Ranged, Func<StreamFile, string> Key);
}

using ModelSync.Manifests;
using ModelSync.Publishing;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Transfer;

namespace ModelSync.Preflight;

/// <summary>
/// The target's side of everything before the bytes move, in one call to a server (<see cref="IRemote.StartTargetAsync"/>):
/// its listing, and unless it already holds the model, the lock, the free space and the stage. The source is scanned
/// first, so the server can tell whether it holds the model. A no-op takes no lock; a target that would lose entries
/// (so the user is asked first), a link, or a lock someone else holds takes nothing, and the walk goes step by step
/// as before. Disposing releases the lock, and removes a stage made for a run that then stopped before sending.
/// </summary>
internal sealed class CombinedStart : IAsyncDisposable
{
    private readonly IRemote? _remote;
    private readonly string _target = "";
    private bool _sending;

    public TreeListing? SourceTree { get; private init; }

    public TreeListing? TargetTree { get; private init; }

    /// <summary>What the call did; null when there was none (a dry run, a target on this machine, a source with nothing to send).</summary>
    public TargetStart? Started { get; private init; }

    /// <summary>The lock the call took, or null.</summary>
    public TargetLock? Lock { get; private init; }

    /// <summary>Someone else held the lock: the target may change before this run gets it, so it is listed again then.</summary>
    public bool FoundHeld => Started?.State == TargetStartState.Held;

    private CombinedStart(IRemote? remote, string target)
    {
        _remote = remote;
        _target = target;
    }

    /// <summary>
    /// Only a server's round trips are worth saving (a pull's target is this machine); a dry run changes nothing, so it
    /// only lists; a named <c>--basis</c> is checked before anything is taken.
    /// </summary>
    public static bool Applies(Direction direction, Endpoint target, TransferOptions options) =>
        direction != Direction.Pull && !options.DryRun && !target.Remote.Alias.IsLocal && options.Basis.Name is null;

    /// <param name="sourceScanned">Hears the source's listing before the target's call goes out (not when there is no such call).</param>
    public static async Task<CombinedStart> ScanAsync(Direction direction, Endpoint source, Endpoint target, TransferOptions options, Action<TreeListing> sourceScanned,
        CancellationToken cancellationToken)
    {
        if (!Applies(direction, target, options))
        {
            var scans = await Task.WhenAll(source.EarlyListing?.Listing ?? source.Remote.ScanAsync(source.Path, cancellationToken), target.Remote.ScanAsync(target.Path, cancellationToken));
            return new CombinedStart(null, target.Path) { SourceTree = scans[0], TargetTree = scans[1] };
        }
        var sourceTree = await (source.EarlyListing?.Listing ?? source.Remote.ScanAsync(source.Path, cancellationToken));
        // Refused before anything is taken; the walk says why.
        if (sourceTree is null || sourceTree.ReservedNames.Count > 0) return new CombinedStart(null, target.Path) { SourceTree = sourceTree };
        var holder = TargetLock.NewHolder(options.Command);
        var room = (long)(sourceTree.TotalBytes * TransferChecks.SpaceMargin) + 1;
        sourceScanned(sourceTree);
        var started = await target.Remote.StartTargetAsync(target.Path, new TargetStartRequest(sourceTree, holder, !options.Delete, room), cancellationToken);
        return new CombinedStart(target.Remote, target.Path)
        {
            SourceTree = sourceTree, TargetTree = started.Listing, Started = started,
            Lock = started.State == TargetStartState.Locked ? TargetLock.Adopt(target.Remote, target.Path, holder) : null,
        };
    }

    /// <summary>The run goes on to send: from now on the stage holds what a rerun resumes from.</summary>
    public void Sending() => _sending = true;

    public async ValueTask DisposeAsync()
    {
        if (Lock is null) return;
        if (!_sending && Started is { StageMade: true } && _remote is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _remote.DiscardStageAsync(_target, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or Errors.ModelSyncException)
            {
                // Left for the next run of the same command, which resumes from it or replaces it.
            }
        }
        await Lock.DisposeAsync();
    }
}

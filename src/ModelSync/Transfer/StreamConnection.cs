using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// Both ends of one parallel stream: each place over a connection of its own (<see cref="IRemote.OpenStreamAsync"/>;
/// this machine needs none). Reopened after a dropped connection; disposing closes what it opened.
/// </summary>
internal sealed class StreamConnection(IRemote sourcePlace, IRemote targetPlace, CancellationToken cancellationToken) : IAsyncDisposable
{
    private readonly IRemote _sourcePlace = sourcePlace;
    private readonly IRemote _targetPlace = targetPlace;

    public IRemote Source { get; private set; } = sourcePlace;

    public IRemote Target { get; private set; } = targetPlace;

    public static Task<IReadOnlyList<StreamConnection>> OpenAsync(TransferContext run, int count) =>
        OpenAsync(run.Source.Remote, run.Target.Remote, count, run.Cancellation);

    public static async Task<IReadOnlyList<StreamConnection>> OpenAsync(IRemote source, IRemote target, int count, CancellationToken cancellationToken)
    {
        if (count == 0) return [];
        var connections = Enumerable.Range(0, count).Select(_ => new StreamConnection(source, target, cancellationToken)).ToList();
        try
        {
            await Task.WhenAll(connections.Select(c => c.OpenAsync()));
            return connections;
        }
        catch
        {
            foreach (var connection in connections) await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Closes the connections <paramref name="opening"/> opens, whether it succeeded or not (its failure is not this caller's to report).</summary>
    public static async Task CloseAllAsync(Task<IReadOnlyList<StreamConnection>> opening)
    {
        try
        {
            await CloseAsync(await opening);
        }
        catch (Exception e) when (e is Errors.ModelSyncException or OperationCanceledException)
        {
            // Nothing was left open: OpenAsync closes what it opened before it fails.
        }
    }

    /// <summary>Closes <paramref name="connections"/> side by side: each close is a process of its own here.</summary>
    public static Task CloseAsync(IEnumerable<StreamConnection> connections) => Task.WhenAll(connections.Select(c => c.DisposeAsync().AsTask()));

    public async Task OpenAsync()
    {
        await CloseAsync();
        var source = _sourcePlace.OpenStreamAsync(cancellationToken);
        var target = _targetPlace.OpenStreamAsync(cancellationToken);
        try
        {
            await Task.WhenAll(source, target);
        }
        catch
        {
            // The end that did connect must not stay open.
            foreach (var (opened, place) in new[] { (source, _sourcePlace), (target, _targetPlace) })
                if (opened.IsCompletedSuccessfully && !ReferenceEquals(opened.Result, place)) await opened.Result.DisposeAsync();
            throw;
        }
        (Source, Target) = (source.Result, target.Result);
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private async Task CloseAsync()
    {
        var (source, target) = (Source, Target);
        (Source, Target) = (_sourcePlace, _targetPlace);
        if (!ReferenceEquals(source, _sourcePlace)) await source.DisposeAsync();
        if (!ReferenceEquals(target, _targetPlace)) await target.DisposeAsync();
    }
}

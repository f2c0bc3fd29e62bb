using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// Both ends of one parallel stream: each place over a connection of its own (<see cref="IRemote.OpenStreamAsync"/>;
/// this machine needs none). Reopened after a dropped connection; disposing closes what it opened.
/// </summary>
internal sealed class StreamConnection(TransferContext run) : IAsyncDisposable
{
    public IRemote Source { get; private set; } = run.Source.Remote;

    public IRemote Target { get; private set; } = run.Target.Remote;

    public static async Task<IReadOnlyList<StreamConnection>> OpenAsync(TransferContext run, int count)
    {
        if (count == 0) return [];
        var connections = Enumerable.Range(0, count).Select(_ => new StreamConnection(run)).ToList();
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
            foreach (var connection in await opening) await connection.DisposeAsync();
        }
        catch (Exception e) when (e is Errors.ModelSyncException or OperationCanceledException)
        {
            // Nothing was left open: OpenAsync closes what it opened before it fails.
        }
    }

    public async Task OpenAsync()
    {
        await CloseAsync();
        var source = run.Source.Remote.OpenStreamAsync(run.Cancellation);
        var target = run.Target.Remote.OpenStreamAsync(run.Cancellation);
        try
        {
            await Task.WhenAll(source, target);
        }
        catch
        {
            // The end that did connect must not stay open.
            foreach (var (opened, place) in new[] { (source, run.Source.Remote), (target, run.Target.Remote) })
                if (opened.IsCompletedSuccessfully && !ReferenceEquals(opened.Result, place)) await opened.Result.DisposeAsync();
            throw;
        }
        (Source, Target) = (source.Result, target.Result);
    }

    public ValueTask DisposeAsync() => new(CloseAsync());

    private async Task CloseAsync()
    {
        var (source, target) = (Source, Target);
        (Source, Target) = (run.Source.Remote, run.Target.Remote);
        if (!ReferenceEquals(source, run.Source.Remote)) await source.DisposeAsync();
        if (!ReferenceEquals(target, run.Target.Remote)) await target.DisposeAsync();
    }
}

using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// What a push over parallel streams needs before its first byte, started beside the target's one call before the
/// bytes rather than after it: the round trip (an echo over the shared connection) and, when the source alone holds
/// enough for more than one stream, the streams' connections (each a TCP and an ssh handshake, some ten round trips).
/// The send takes them (<see cref="Take"/>); the target's answer may leave less to send or nothing, and what is not
/// taken is closed, or cancelled while still opening, when this is disposed.
/// </summary>
internal sealed class StreamWarmUp : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel;
    private readonly Task<IReadOnlyList<StreamConnection>> _opening;
    private bool _taken;

    /// <param name="measure">Measures the round trip, again while the task it is given (the target's listing) runs; null when <c>--streams</c> makes it moot.</param>
    /// <param name="worthOpening">False when something suggests the target holds part of the model (a basis, an earlier version of it): its listing decides then.</param>
    /// <param name="count">The connections the send would use if all of the source were new, given the round trip.</param>
    public StreamWarmUp(IRemote source, IRemote target, Func<Task, CancellationToken, Task<TimeSpan>>? measure, Func<CancellationToken, Task<bool>> worthOpeningAsync,
        Func<TimeSpan?, int> count, CancellationToken cancellationToken)
    {
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // On the warm-up's own token: a walk that ends before its send (a no-op) does not wait for what it asks the target.
        var worthOpening = worthOpeningAsync(_cancel.Token);
        // Measured at once rather than after the target's answer: the echo's session starts beside the target's call
        // (two round trips before its byte comes back, 0.14 s at 50 ms), so it is known as soon as the listing says
        // the connections are worth opening. A push that turns out to build on a basis only leaves it unread.
        RoundTrip = measure is null ? null : Nullable(measure(worthOpening, _cancel.Token));
        _opening = OpenAsync(source, target, worthOpening, count, _cancel.Token);
    }

    /// <summary>The round trip measured beside the target's call; null when it is not measured.</summary>
    public Task<TimeSpan?>? RoundTrip { get; }

    /// <summary>
    /// The connections opened ahead (maybe none, maybe still opening); from now on closing them is the caller's. Null
    /// once taken: a retried send opens its own.
    /// </summary>
    public Task<IReadOnlyList<StreamConnection>>? Take()
    {
        if (_taken) return null;
        _taken = true;
        return _opening;
    }

    /// <summary>
    /// The target's listing leaves nothing for the streams: the connections still opening stop now, instead of holding
    /// the send up until their handshakes end; those that came up are closed when this is disposed.
    /// </summary>
    public void Abandon()
    {
        if (!_taken) _cancel.Cancel();
    }

    private static async Task<TimeSpan?> Nullable(Task<TimeSpan> measuring) => await measuring;

    private async Task<IReadOnlyList<StreamConnection>> OpenAsync(IRemote source, IRemote target, Task<bool> worthOpening, Func<TimeSpan?, int> count, CancellationToken cancellationToken)
    {
        if (!await worthOpening) return [];
        var streams = count(RoundTrip is null ? null : await RoundTrip);
        return streams > 1 ? await StreamConnection.OpenAsync(source, target, streams, cancellationToken) : [];
    }

    public async ValueTask DisposeAsync()
    {
        // Taken connections live on the token (a dropped one reopens with it): it is cancelled only when none were.
        if (!_taken)
        {
            await _cancel.CancelAsync();
            await StreamConnection.CloseAllAsync(_opening);
        }
        if (RoundTrip is not null) await Quietly(RoundTrip);
        _cancel.Dispose();
    }

    /// <summary>Waits for a measurement nobody needs any more; its failure is nobody's to report.</summary>
    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (Exception e) when (e is Errors.ModelSyncException or OperationCanceledException)
        {
            // The walk ended before the send; what the echo found no longer matters.
        }
    }
}

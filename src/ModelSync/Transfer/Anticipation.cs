namespace ModelSync.Transfer;

/// <summary>
/// Holds what a transport started ahead of its send (<see cref="IStageTransport.Anticipate"/>), which comes into
/// being in the middle of the walk, so that the walk's end disposes it however it ends.
/// </summary>
internal sealed class Anticipation : IAsyncDisposable
{
    private IAsyncDisposable? _held;

    public void Hold(IAsyncDisposable? started) => _held = started;

    public ValueTask DisposeAsync() => _held?.DisposeAsync() ?? ValueTask.CompletedTask;
}

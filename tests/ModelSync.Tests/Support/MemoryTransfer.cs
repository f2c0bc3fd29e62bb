using ModelSync.Operations;
using ModelSync.Resolve;
using ModelSync.Transfer;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Support;

/// <summary>The options a transfer between places in memory runs with unless a test says otherwise.</summary>
internal static class MemoryTransfer
{
    public static TransferOptions Options(bool delete = false, bool verify = true) => new(DryRun: false, Delete: delete, Compress: false, Verify: verify);
}

/// <summary>
/// A small model on this machine (a config and a weights file) and a server, both in memory, and the one transfer
/// walk between them, whose bytes <typeparamref name="TTransport"/> moves.
/// </summary>
internal sealed class MemoryTransfer<TTransport>(string source, string target) : IAsyncDisposable
    where TTransport : IStageTransport, new()
{
    public MemoryRemote Here { get; } = new MemoryRemote("here", "/here")
        .File(source + "/config.pbtxt", "config")
        .File(source + "/1/model.onnx", "weights v2", Time + 60);

    public MemoryRemote Gpu { get; } = new();

    public TTransport Transport { get; } = new();

    /// <summary>The target holds the source's files, with their times, as a finished push leaves it.</summary>
    public MemoryRemote CopyModelToTarget()
    {
        foreach (var path in new[] { "config.pbtxt", "1", "1/model.onnx" }) Gpu.CopyFrom(Here, source + "/" + path, target + "/" + path);
        return Gpu;
    }

    public Task<TransferResult> PushAsync(TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        RunAsync(Direction.Push, new Endpoint(Here, source, "./m"), new Endpoint(Gpu, target, "gpu:" + target), options, cancellationToken);

    public Task<TransferResult> PullAsync() =>
        RunAsync(Direction.Pull, new Endpoint(Gpu, target, "gpu:" + target), new Endpoint(Here, source, "./m"));

    /// <summary>A copy between servers, with this machine's place as the first of them.</summary>
    public Task<TransferResult> CopyAsync() =>
        RunAsync(Direction.Copy, new Endpoint(Here, source, "here:" + source), new Endpoint(Gpu, target, "gpu:" + target));

    public Task<TransferResult> RunAsync(Direction direction, Endpoint from, Endpoint to, TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        new TransferOperation(Transport, new TreeHasher(null), new RecordingProgress())
            .RunAsync(direction, from, to, options ?? MemoryTransfer.Options(), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Here.DisposeAsync();
        await Gpu.DisposeAsync();
    }
}

using ModelSync.Config;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Tests.Support;

/// <summary>A place that can only be listed: <see cref="Listing"/> is what a scan finds now (null: nothing there).</summary>
public sealed class ListingRemote(TreeListing? listing) : IRemote
{
    public TreeListing? Listing { get; set; } = listing;

    public ServerAlias Alias { get; } = new("gpu", "gpu1", null, null, "/models", null, []);

    public string ModelBase => "/models";

    public string Connection => "a listing in memory";

    public IReadOnlyList<string> HashTools => [];

    public Task<TreeListing?> ScanAsync(string path, CancellationToken cancellationToken) => Task.FromResult(Listing);

    public Task<RemoteProbe> ConnectAsync(CancellationToken cancellationToken) => throw Unexpected();

    public Task<IReadOnlyDictionary<string, string>> HashAsync(string root, EntryKind rootKind, IReadOnlyCollection<string> files, int batchSize, HashFunction function, CancellationToken cancellationToken) =>
        throw Unexpected();

    public Task<long> FreeBytesAsync(string path, CancellationToken cancellationToken) => throw Unexpected();

    public Task<ProcessResult> RunScriptAsync(string script, IReadOnlyList<string> arguments, CancellationToken cancellationToken, byte[]? stdin = null) => throw Unexpected();

    public ProcessSpec ScriptProcess(string script, IReadOnlyList<string> arguments) => throw Unexpected();

    public Task<int> ExecAsync(string command, CancellationToken cancellationToken) => throw Unexpected();

    public Task<ProcessResult> ExecCaptureAsync(string command, CancellationToken cancellationToken) => throw Unexpected();

    public RsyncLocation Rsync(string path) => throw Unexpected();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static NotSupportedException Unexpected() => new("only listing is expected here");
}

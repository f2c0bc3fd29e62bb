using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Transfer;

namespace ModelSync.Tests.Resolve;

/// <summary>
/// A push lists its local source while the server connects. A push that stops before it looks at the source cancels
/// that listing and waits for it to end, so no find goes on reading the model (in a fleet push, one per server).
/// The listing here runs until it is cancelled, as a find over a large model runs on.
/// </summary>
public sealed class EarlyListingTests : IAsyncDisposable
{
    private readonly TempDirectory _here = new("ms-early-listing");
    private readonly ListingsRunUntilCancelled _runner = new();
    private readonly RemoteSession _session;

    public EarlyListingTests()
    {
        var server = new MemoryRemote("alpha");
        var config = new ModelSyncConfig(new Dictionary<string, ServerAlias>(StringComparer.Ordinal) { ["alpha"] = server.Alias }, new Defaults(),
            NamingConvention.Default, "cfg.yaml");
        _session = new RemoteSession(config, _runner, _ => server);
        Directory.CreateDirectory(LocalModel);
    }

    private string LocalModel => Path.Join(_here.Path, "my_model");

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        _here.Dispose();
    }

    [Fact]
    public async Task APushToAnAliasThatCannotBeResolvedCancelsTheListingOfItsSource()
    {
        // Before: the listing was started with the command's token and ran to its end after the push had failed.
        await Assert.ThrowsAsync<ModelSyncException>(() => PushAsync("nowhere", new TransferOptions(DryRun: false, Delete: false, Compress: false, Verify: true)));

        Assert.Equal((1, 1, true), (_runner.Started, _runner.Ended, _runner.AllCancelled));
    }

    [Fact]
    public async Task APushWhoseTargetNameIsRefusedCancelsTheListingOfItsSource()
    {
        var options = new TransferOptions(DryRun: false, Delete: false, Compress: false, Verify: true) { StrictNaming = true };

        var error = await Assert.ThrowsAsync<ModelSyncException>(() => PushAsync("alpha", options));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal((1, 1, true), (_runner.Started, _runner.Ended, _runner.AllCancelled));
    }

    private Task<TransferResult> PushAsync(string remote, TransferOptions options) =>
        PushPull.PushAsync(_session, LocalModel, remote, false, options, new RecordingProgress(), (_, _) => { }, CancellationToken.None);

    /// <summary>Runs every process, but holds a listing of a tree until it is cancelled.</summary>
    private sealed class ListingsRunUntilCancelled : IProcessRunner
    {
        private readonly ProcessRunner _real = new();
        private readonly List<CancellationToken> _listings = [];
        private int _ended;

        public int Started
        {
            get
            {
                lock (_listings) return _listings.Count;
            }
        }

        public int Ended => Volatile.Read(ref _ended);

        public bool AllCancelled
        {
            get
            {
                lock (_listings) return _listings.All(t => t.IsCancellationRequested);
            }
        }

        public async Task<ProcessResult> RunAsync(ProcessSpec spec, CancellationToken cancellationToken)
        {
            if (!spec.Arguments.Any(a => a.Contains(RemoteScripts.Scan, StringComparison.Ordinal))) return await _real.RunAsync(spec, cancellationToken);
            lock (_listings) _listings.Add(cancellationToken);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
                throw new InvalidOperationException("a delay without end ended");
            }
            finally
            {
                Interlocked.Increment(ref _ended);
            }
        }
    }
}

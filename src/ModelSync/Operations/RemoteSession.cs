using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Verification;

namespace ModelSync.Operations;

/// <summary>
/// The places one command talks to: each alias connected once, on first use, and every connection closed
/// when the command ends. Safe to use from several tasks at once (a push to several servers).
/// </summary>
public sealed class RemoteSession(ModelSyncConfig config, IProcessRunner runner) : IAsyncDisposable
{
    private readonly Dictionary<string, Task<RemoteProbe>> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IRemote> _remotes = new(StringComparer.Ordinal);
    private readonly Lazy<HashCache> _cache = new(() => HashCache.Load(HashCache.DefaultFile));
    private readonly HashRequests _requests = new();
    private readonly Lazy<Task<IRemote>> _thisMachine = new(async () =>
    {
        var here = LocalRemote.ThisMachine(runner);
        await here.ConnectAsync(CancellationToken.None);
        return here;
    });

    /// <summary>Hashes trees, remembering local files' hashes across commands and hashing a local tree once per command.</summary>
    public TreeHasher Hasher => new(_cache.Value, _requests);

    public ModelSyncConfig Config => config;

    public IProcessRunner Runner => runner;

    /// <summary>The alias's remote, connected. <paramref name="requireRsync"/>: fail now if the server has no rsync.</summary>
    public async Task<IRemote> ConnectAsync(string aliasName, bool requireRsync, CancellationToken cancellationToken)
    {
        var alias = config.Alias(aliasName);
        IRemote remote;
        Task<RemoteProbe> connecting;
        lock (_remotes)
        {
            if (!_remotes.TryGetValue(alias.Name, out remote!))
            {
                remote = RemoteFactory.Create(alias, runner);
                _remotes[alias.Name] = remote;
                _connections[alias.Name] = remote.ConnectAsync(cancellationToken);
            }
            connecting = _connections[alias.Name];
        }
        var probe = await connecting;
        if (requireRsync && probe.RsyncVersion is null)
            throw new ModelSyncException($"rsync is not installed on {alias.Name}", ExitCodes.Failed,
                "install it there (e.g. `apt-get install rsync`); model-sync needs nothing else on the server");
        return remote;
    }

    /// <summary>This machine's own file system, for the local side of a push or pull (connecting it only sets paths).</summary>
    public Task<IRemote> ThisMachineAsync(CancellationToken cancellationToken) => _thisMachine.Value.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_cache.IsValueCreated) _cache.Value.Save();
        List<IRemote> remotes;
        lock (_remotes)
        {
            remotes = [.. _remotes.Values];
            _remotes.Clear();
            _connections.Clear();
        }
        foreach (var remote in remotes) await remote.DisposeAsync();
        if (_thisMachine.IsValueCreated && _thisMachine.Value.IsCompletedSuccessfully) await (await _thisMachine.Value).DisposeAsync();
    }
}

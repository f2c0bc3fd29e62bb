using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Verification;

namespace ModelSync.Resolve;

/// <summary>
/// The places one command talks to: each alias connected once, on first use, and every connection closed
/// when the command ends. Safe to use from several tasks at once (a push to several servers).
/// <paramref name="createRemote"/> makes an alias's place, not yet connected: a test's fake instead of ssh.
/// </summary>
public sealed class RemoteSession(ModelSyncConfig config, IProcessRunner runner, Func<ServerAlias, IRemote> createRemote) : IAsyncDisposable
{
    public RemoteSession(ModelSyncConfig config, IProcessRunner runner) : this(config, runner, alias => RemoteFactory.Create(alias, runner))
    {
    }

    private readonly Dictionary<string, Task<RemoteProbe>> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IRemote> _remotes = new(StringComparer.Ordinal);
    private readonly HashCache _cache = new(HashCache.DefaultDirectory);
    private readonly HashRequests _requests = new();
    private readonly Dictionary<string, Task<IRemote?>> _mounts = new(StringComparer.Ordinal);
    private readonly Lazy<Task<IRemote>> _thisMachine = new(async () =>
    {
        var here = LocalRemote.ThisMachine(runner);
        await here.ConnectAsync(CancellationToken.None);
        return here;
    });

    /// <summary>Hashes trees, remembering local files' hashes across commands and hashing a local tree once per command.</summary>
    public TreeHasher Hasher => new(_cache, _requests);

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
                remote = createRemote(alias);
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

    /// <summary>
    /// The alias's remote for a push, pull or copy. When the alias has <c>local_path</c> and a marker proves that
    /// directory here is its model_base, a local remote on that directory, so bytes move by a local copy instead of
    /// over ssh; when the proof fails, the ssh remote, with one warning to <paramref name="warn"/>. Proven once per
    /// command, however many transfers ask at once. A local alias needs no rsync: the kernel copies its files (only
    /// <c>--bwlimit</c> takes rsync, which then says so itself).
    /// </summary>
    public async Task<IRemote> ConnectForTransferAsync(string aliasName, Action<string> warn, CancellationToken cancellationToken)
    {
        var server = await ConnectAsync(aliasName, requireRsync: !config.Alias(aliasName).IsLocal, cancellationToken);
        if (server.Alias.LocalPath is null || server.Alias.IsLocal) return server;
        Task<IRemote?> proving;
        lock (_mounts)
        {
            if (!_mounts.TryGetValue(server.Alias.Name, out proving!))
                _mounts[server.Alias.Name] = proving = ProveMountAsync(server, warn, cancellationToken);
        }
        return await proving ?? server;
    }

    private async Task<IRemote?> ProveMountAsync(IRemote server, Action<string> warn, CancellationToken cancellationToken)
    {
        var localPath = server.Alias.LocalPath!;
        var candidates = localPath == ServerAlias.AutoLocalPath
            ? MountCandidates.Find(server.ModelBase, MountCandidates.Parse(ReadMountInfo()), Directory.Exists)
            : [localPath];
        var proof = await SharedMount.ProveAsync(server, candidates, cancellationToken);
        if (proof.LocalPath is null)
        {
            warn($"local_path {localPath} of {server.Alias.Name} is not used: {proof.Reason}; going over ssh");
            return null;
        }
        var mounted = new LocalRemote(server.Alias with { Host = null, ModelBase = proof.LocalPath }, runner, $"{server.Alias.Name}:{server.ModelBase}");
        await mounted.ConnectAsync(cancellationToken);
        return mounted;
    }

    private static string ReadMountInfo()
    {
        try
        {
            return Paths.PathBytes.Decode(File.ReadAllBytes("/proc/self/mountinfo"));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>This machine's own file system, for the local side of a push or pull (connecting it only sets paths).</summary>
    public Task<IRemote> ThisMachineAsync(CancellationToken cancellationToken) => _thisMachine.Value.WaitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _cache.Save();
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

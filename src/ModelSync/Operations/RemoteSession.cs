using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Verification;

namespace ModelSync.Operations;

/// <summary>
/// The places one command talks to: each alias connected once, on first use, and every connection closed
/// when the command ends.
/// </summary>
public sealed class RemoteSession(ModelSyncConfig config, IProcessRunner runner) : IAsyncDisposable
{
    private readonly Dictionary<string, IRemote> _remotes = new(StringComparer.Ordinal);
    private readonly HashCache _cache = new(HashCache.DefaultDirectory);
    private readonly Dictionary<string, LocalRemote?> _mounts = new(StringComparer.Ordinal);
    private LocalRemote? _thisMachine;

    /// <summary>Hashes trees, remembering local files' hashes across commands.</summary>
    public TreeHasher Hasher => new(_cache);

    public ModelSyncConfig Config => config;

    public IProcessRunner Runner => runner;

    /// <summary>The alias's remote, connected. <paramref name="requireRsync"/>: fail now if the server has no rsync.</summary>
    public async Task<IRemote> ConnectAsync(string aliasName, bool requireRsync, CancellationToken cancellationToken)
    {
        var alias = config.Alias(aliasName);
        if (!_remotes.TryGetValue(alias.Name, out var remote))
        {
            remote = RemoteFactory.Create(alias, runner);
            _remotes[alias.Name] = remote;
            var probe = await remote.ConnectAsync(cancellationToken);
            if (requireRsync && probe.RsyncVersion is null)
                throw new ModelSyncException($"rsync is not installed on {alias.Name}", ExitCodes.Failed,
                    "install it there (e.g. `apt-get install rsync`); model-sync needs nothing else on the server");
        }
        return remote;
    }

    /// <summary>
    /// The alias's remote for a push, pull or copy. When the alias has <c>local_path</c> and a marker proves that
    /// directory here is its model_base, a local remote on that directory, so bytes move by a local copy instead of
    /// over ssh; when the proof fails, the ssh remote, with one warning to <paramref name="warn"/>.
    /// </summary>
    public async Task<IRemote> ConnectForTransferAsync(string aliasName, Action<string> warn, CancellationToken cancellationToken)
    {
        var server = await ConnectAsync(aliasName, requireRsync: true, cancellationToken);
        if (server.Alias.LocalPath is not { } localPath || server.Alias.IsLocal) return server;
        if (_mounts.TryGetValue(server.Alias.Name, out var known)) return known ?? server;
        var candidates = localPath == ServerAlias.AutoLocalPath
            ? MountCandidates.Find(server.ModelBase, MountCandidates.Parse(ReadMountInfo()), Directory.Exists)
            : [localPath];
        var proof = await SharedMount.ProveAsync(server, candidates, cancellationToken);
        if (proof.LocalPath is null)
        {
            _mounts[server.Alias.Name] = null;
            warn($"local_path {localPath} of {server.Alias.Name} is not used: {proof.Reason}; going over ssh");
            return server;
        }
        var mounted = new LocalRemote(server.Alias with { Host = null, ModelBase = proof.LocalPath }, runner, $"{server.Alias.Name}:{server.ModelBase}");
        await mounted.ConnectAsync(cancellationToken);
        _mounts[server.Alias.Name] = mounted;
        return mounted;
    }

    private static string ReadMountInfo()
    {
        try
        {
            return File.ReadAllText("/proc/self/mountinfo");
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>This machine's own file system, for the local side of a push or pull.</summary>
    public async Task<IRemote> ThisMachineAsync(CancellationToken cancellationToken)
    {
        if (_thisMachine is null)
        {
            _thisMachine = LocalRemote.ThisMachine(runner);
            await _thisMachine.ConnectAsync(cancellationToken);
        }
        return _thisMachine;
    }

    public async ValueTask DisposeAsync()
    {
        _cache.Save();
        foreach (var remote in _remotes.Values) await remote.DisposeAsync();
        _remotes.Clear();
    }
}

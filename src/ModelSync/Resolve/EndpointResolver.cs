using ModelSync.Config;
using ModelSync.Paths;
using ModelSync.Remotes;
using ModelSync.Versioning;

namespace ModelSync.Resolve;

/// <summary>
/// A server's side of a command, and the <c>alias:path</c> a later command types for the same place: with
/// <c>MODEL@latest</c> replaced by the version chosen, so a printed push or verify names what was compared.
/// </summary>
public sealed record NamedEndpoint(RemoteSpec Spec, Endpoint Endpoint);

/// <summary>
/// Turns what a command typed into connected endpoints: the one place that parses <c>alias[:path]</c>, looks the alias
/// up, connects it (once per <see cref="RemoteSession"/>), resolves <c>MODEL@latest</c> against the server's
/// model_base, and maps the path under model_base (<see cref="ModelBasePaths"/>). What can be refused without a server
/// is refused before any is contacted, and the texts of its refusals are <see cref="ResolveErrors"/>.
/// </summary>
public sealed class EndpointResolver(RemoteSession session)
{
    /// <summary><c>push local alias[:path]</c>: the local model, and where it lands (under its own name unless the path names one).</summary>
    public async Task<(Endpoint From, Endpoint To)> PushAsync(string localPath, string remote, bool outsideBase, Action<string> warn, CancellationToken cancellationToken)
    {
        var spec = ParseTarget(remote, Direction.Push);
        var source = LocalSource(localPath);
        // Listed while the server connects: for a model of 20k files that is most of the listing's time saved.
        var here = await HereAsync(source, localPath, cancellationToken);
        var early = EarlyListing.Start(here.Remote, source, cancellationToken);
        try
        {
            return (here with { EarlyListing = early }, await TargetAsync(spec, PosixPath.Name(source), outsideBase, warn, cancellationToken));
        }
        catch
        {
            await early.DisposeAsync();
            throw;
        }
    }

    /// <summary><c>pull alias:path local</c>: the model on the server, and where it lands here (inside <paramref name="localPath"/> when that is a directory, unless it is the copy an earlier pull made: <see cref="PulledCopy"/>).</summary>
    public async Task<(Endpoint From, Endpoint To)> PullAsync(string remote, string localPath, bool outsideBase, Action<string> warn, CancellationToken cancellationToken)
    {
        var spec = ParseModel(remote);
        var server = await session.ConnectForTransferAsync(spec.Alias, warn, cancellationToken);
        var from = await ReadAsync(server, spec, null, outsideBase, cancellationToken);
        var isCopy = await PulledCopy.IsCopyAsync(from, localPath, cancellationToken);
        var targetPath = ModelBasePaths.LocalPullTarget(localPath, PosixPath.Name(from.Path), LocalPaths.IsDirectory(localPath), isCopy);
        return (from, await HereAsync(targetPath, targetPath, cancellationToken));
    }

    /// <summary>
    /// <c>copy alias:path alias[:path]</c>: the source as a pull reads it, the target as a push names it (the source's
    /// name unless the path names one). Two places on one server that contain one another are refused.
    /// </summary>
    public async Task<(Endpoint From, Endpoint To)> CopyAsync(string source, string target, bool outsideBase, Action<string> warn, CancellationToken cancellationToken)
    {
        var from = RemoteSpec.Parse(source);
        var to = RemoteSpec.Parse(target);
        if (from.Path is null) throw ResolveErrors.NoModel(source, from);
        RefuseLatest(to, Direction.Copy);
        var sourceServer = await session.ConnectForTransferAsync(from.Alias, warn, cancellationToken);
        var targetServer = await session.ConnectForTransferAsync(to.Alias, warn, cancellationToken);
        var read = await ReadAsync(sourceServer, from, null, outsideBase, cancellationToken);
        var write = Write(targetServer, to, PosixPath.Name(read.Path), outsideBase);
        if (from.Alias == to.Alias && (PosixPath.IsInside(write.Path, read.Path) || PosixPath.IsInside(read.Path, write.Path)))
            throw ResolveErrors.Overlap(read.Display, write.Display);
        return (read, write);
    }

    /// <summary>Where a push of a model named <paramref name="modelName"/> to <paramref name="target"/> lands, the server connected for the transfer.</summary>
    public async Task<Endpoint> TargetAsync(RemoteSpec target, string modelName, bool outsideBase, Action<string> warn, CancellationToken cancellationToken) =>
        Write(await session.ConnectForTransferAsync(target.Alias, warn, cancellationToken), target, modelName, outsideBase);

    /// <summary><c>diff</c> and <c>verify local alias[:path]</c>: the local model, and the place a push of it would land (<c>MODEL@latest</c> allowed).</summary>
    public async Task<(Endpoint Local, NamedEndpoint Server)> LocalAndServerAsync(string localPath, string remote, bool outsideBase, CancellationToken cancellationToken)
    {
        var spec = RemoteSpec.Parse(remote);
        var source = LocalSource(localPath);
        var server = await session.ConnectAsync(spec.Alias, requireRsync: false, cancellationToken);
        var here = await HereAsync(source, localPath, cancellationToken);
        var place = await ReadAsync(server, spec, PosixPath.Name(source), outsideBase, cancellationToken);
        return (here, Named(spec, place));
    }

    /// <summary><c>verify alias:path</c>: a copy on a server, to be checked against the manifest it holds.</summary>
    public async Task<NamedEndpoint> StoredAsync(string remote, bool outsideBase, CancellationToken cancellationToken)
    {
        var spec = RemoteSpec.Parse(remote);
        if (spec.Path is null) throw ResolveErrors.NoModelToVerify(remote, spec);
        var server = await session.ConnectAsync(spec.Alias, requireRsync: false, cancellationToken);
        return Named(spec, await ReadAsync(server, spec, null, outsideBase, cancellationToken));
    }

    /// <summary><c>alias:path</c> that must name a model to read (pull, a copy's source).</summary>
    public static RemoteSpec ParseModel(string typed)
    {
        var spec = RemoteSpec.Parse(typed);
        return spec.Path is null ? throw ResolveErrors.NoModel(typed, spec) : spec;
    }

    /// <summary><c>alias[:path]</c> to write to: a name, never <c>MODEL@latest</c>.</summary>
    public static RemoteSpec ParseTarget(string typed, Direction direction)
    {
        var spec = RemoteSpec.Parse(typed);
        RefuseLatest(spec, direction);
        return spec;
    }

    /// <summary>A push or copy needs the exact name to write: <c>MODEL@latest</c> only picks among existing versions.</summary>
    public static void RefuseLatest(RemoteSpec spec, Direction direction)
    {
        if (LatestSelector.TryParse(spec.Path, out _)) throw ResolveErrors.LatestAsTarget(spec, direction);
    }

    /// <summary><c>alias[:path]</c> whose alias is configured, checked before anything is contacted (several servers named at once).</summary>
    public static RemoteSpec ParseKnown(ModelSyncConfig config, string typed)
    {
        var spec = RemoteSpec.Parse(typed);
        config.Alias(spec.Alias);
        return spec;
    }

    /// <summary>The absolute local model of a push, diff or verify, which must exist.</summary>
    public static string LocalSource(string localPath)
    {
        var full = Path.GetFullPath(localPath).TrimEnd('/');
        if (full.Length == 0) full = "/";
        return LocalPaths.Exists(full) ? full : throw ResolveErrors.LocalNotFound(localPath);
    }

    /// <summary>The model <paramref name="spec"/> names on <paramref name="server"/> to read: <c>MODEL@latest</c> resolved, the path under model_base.</summary>
    private async Task<Endpoint> ReadAsync(IRemote server, RemoteSpec spec, string? defaultName, bool outsideBase, CancellationToken cancellationToken)
    {
        var latest = await LatestAsync(server, spec, cancellationToken);
        var path = ModelBasePaths.Resolve(server.ModelBase, latest?.Chosen.Name ?? spec.Path, defaultName, outsideBase);
        return At(server, spec, path) with { Resolved = latest };
    }

    /// <summary>The place <paramref name="spec"/> names on <paramref name="server"/> to write, <paramref name="defaultName"/> when its path names a directory or nothing.</summary>
    private static Endpoint Write(IRemote server, RemoteSpec spec, string defaultName, bool outsideBase) =>
        At(server, spec, ModelBasePaths.Resolve(server.ModelBase, spec.Path, defaultName, outsideBase));

    /// <summary><c>MODEL@latest</c>: the newest version of MODEL under model_base (one scan); null for a plain path.</summary>
    private async Task<LatestResolution?> LatestAsync(IRemote server, RemoteSpec spec, CancellationToken cancellationToken)
    {
        if (!LatestSelector.TryParse(spec.Path, out var model)) return null;
        var catalog = await ModelBaseCatalog.ScanAsync(server, session.Config.Naming.Pattern, cancellationToken);
        return LatestResolver.Resolve(catalog, model, spec.ToString(), server.Alias.Name);
    }

    private async Task<Endpoint> HereAsync(string path, string display, CancellationToken cancellationToken) =>
        new(await session.ThisMachineAsync(cancellationToken), path, display);

    private static Endpoint At(IRemote server, RemoteSpec spec, string path) => new(server, path, $"{spec.Alias}:{path}");

    private static NamedEndpoint Named(RemoteSpec spec, Endpoint place) =>
        new(place.Resolved is { } latest ? spec with { Path = latest.Chosen.Name } : spec, place);
}

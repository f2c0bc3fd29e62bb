using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Versioning;

namespace ModelSync.Operations;

/// <summary>
/// A local model and the place a push of it would land, both scanned: what <c>diff</c> and <c>verify</c> compare.
/// <see cref="RemoteTree"/> is null when nothing is there yet.
/// </summary>
public sealed record LocalAndRemote(
    RemoteSpec Spec,
    IRemote Here,
    string LocalPath,
    TreeListing LocalTree,
    IRemote Server,
    string RemotePath,
    TreeListing? RemoteTree,
    LatestResolution? Resolved)
{
    public string RemoteDisplay => $"{Spec.Alias}:{RemotePath}";

    /// <summary>Resolves <c>alias[:path]</c> (including <c>MODEL@latest</c>) as push would, then scans both sides at once.</summary>
    public static async Task<LocalAndRemote> ScanAsync(RemoteSession session, string localPath, string remote, bool outsideBase, CancellationToken cancellationToken)
    {
        var spec = RemoteSpec.Parse(remote);
        var source = PushPull.LocalSource(localPath);
        var server = await session.ConnectAsync(spec.Alias, requireRsync: false, cancellationToken);
        var here = await session.ThisMachineAsync(cancellationToken);
        var latest = await ListOperation.ResolveLatestAsync(session, server, spec.Path, remote, cancellationToken);
        if (latest is not null) spec = spec with { Path = latest.Chosen.Name };
        var remotePath = ModelBasePaths.Resolve(server.ModelBase, spec.Path, PosixPath.Name(source), outsideBase);
        var scans = await Task.WhenAll(here.ScanAsync(source, cancellationToken), server.ScanAsync(remotePath, cancellationToken));
        return new LocalAndRemote(spec, here, source, scans[0]!, server, remotePath, scans[1], latest);
    }
}

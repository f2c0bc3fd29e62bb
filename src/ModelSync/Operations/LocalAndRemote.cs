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
        var (local, (spec, server)) = await new EndpointResolver(session).LocalAndServerAsync(localPath, remote, outsideBase, cancellationToken);
        var scans = await Task.WhenAll(local.Remote.ScanAsync(local.Path, cancellationToken), server.Remote.ScanAsync(server.Path, cancellationToken));
        return new LocalAndRemote(spec, local.Remote, local.Path, scans[0]!, server.Remote, server.Path, scans[1], server.Resolved);
    }
}

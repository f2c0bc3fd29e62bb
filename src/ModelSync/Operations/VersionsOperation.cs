using ModelSync.Resolve;
using ModelSync.Versioning;

namespace ModelSync.Operations;

public sealed record VersionsResult(string Server, string ModelBase, string Model, NamingPattern Pattern, IReadOnlyList<VersionedModel> Versions)
{
    public long TotalBytes => Versions.Sum(v => v.Info.Bytes);
}

/// <summary><c>versions</c>: every version of one MODEL under a server's model_base, newest first.</summary>
public static class VersionsOperation
{
    /// <summary>None there: the same usage error as <c>MODEL@latest</c>, listing the models there (exit 2).</summary>
    public static async Task<VersionsResult> RunAsync(RemoteSession session, string aliasName, string model, CancellationToken cancellationToken)
    {
        var server = await session.ConnectAsync(aliasName, requireRsync: false, cancellationToken);
        var catalog = await ModelBaseCatalog.ScanAsync(server, session.Config.Naming.Pattern, cancellationToken);
        var versions = catalog.VersionsOf(model);
        if (versions.Count == 0) throw LatestResolver.NoVersions(catalog, model, aliasName);
        return new VersionsResult(aliasName, server.ModelBase, versions[0].Parsed!.Model, catalog.Pattern, versions);
    }
}

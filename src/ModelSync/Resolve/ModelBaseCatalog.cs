using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;
using ModelSync.Text;
using ModelSync.Versioning;

namespace ModelSync.Resolve;

/// <summary>The models under a connected server's model_base: what <c>MODEL@latest</c>, <c>list</c>, <c>versions</c> and completion read.</summary>
public static class ModelBaseCatalog
{
    /// <summary>Scans model_base once and reads every name there through <paramref name="pattern"/>.</summary>
    public static async Task<ModelCatalog> ScanAsync(IRemote server, NamingPattern pattern, CancellationToken cancellationToken)
    {
        var aliasName = server.Alias.Name;
        var tree = await server.ScanAsync(server.ModelBase, cancellationToken)
            ?? throw new ModelSyncException($"model_base {server.ModelBase} does not exist on {aliasName}", ExitCodes.Failed,
                $"create it (`{ToolName.Command} exec {aliasName} \"mkdir -p {server.ModelBase}\"`) or fix model_base in the config");
        return new ModelCatalog(Summarize(tree), pattern);
    }

    /// <summary>Groups a listing of model_base by its first path segment, hiding model-sync's own stage and lock entries.</summary>
    public static IEnumerable<ModelInfo> Summarize(TreeListing tree) =>
        tree.Entries
            .GroupBy(e => e.Path.Split('/')[0], StringComparer.Ordinal)
            .Where(g => !StageNames.IsControlName(g.Key))
            .Select(g => new ModelInfo(
                g.Key,
                g.Where(e => e.Kind == EntryKind.File).Sum(e => e.Size),
                g.Count(e => e.Kind == EntryKind.File),
                DateTimeOffset.FromUnixTimeSeconds(g.Max(e => e.ModifiedUnixSeconds))));
}

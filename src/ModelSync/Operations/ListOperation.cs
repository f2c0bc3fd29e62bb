using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Publishing;

namespace ModelSync.Operations;

public sealed record ModelInfo(string Name, long Bytes, int Files, DateTimeOffset Modified);

public sealed record ListResult(string Server, string ModelBase, string? Filter, IReadOnlyList<ModelInfo> Models)
{
    public long TotalBytes => Models.Sum(m => m.Bytes);
}

/// <summary>The models under a server's <c>model_base</c>: one per entry, sized by everything below it.</summary>
public static class ListOperation
{
    public static async Task<ListResult> RunAsync(RemoteSession session, string aliasName, string? filter, CancellationToken cancellationToken)
    {
        var server = await session.ConnectAsync(aliasName, requireRsync: false, cancellationToken);
        var tree = await server.ScanAsync(server.ModelBase, cancellationToken)
            ?? throw new ModelSyncException($"model_base {server.ModelBase} does not exist on {aliasName}", ExitCodes.Failed,
                $"create it (`model-sync exec {aliasName} \"mkdir -p {server.ModelBase}\"`) or fix model_base in the config");
        var models = Summarize(tree)
            .Where(m => filter is null || NameFilter.Matches(m.Name, filter))
            .OrderByDescending(m => m.Modified)
            .ThenBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        return new ListResult(aliasName, server.ModelBase, filter, models);
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

using ModelSync.Publishing;
using ModelSync.Resolve;
using ModelSync.Versioning;

namespace ModelSync.Operations;

/// <summary>
/// What <c>list</c> keeps: <see cref="Filter"/> (substring or glob, on the whole name or any field),
/// <see cref="Model"/> (the MODEL field, any case; <c>MODEL@latest</c> also sets <see cref="Latest"/>), and
/// <see cref="Latest"/> (only the newest version of each model).
/// </summary>
public sealed record ListQuery(string? Filter = null, string? Model = null, bool Latest = false);

public sealed record ListResult(string Server, string ModelBase, ListQuery Query, NamingPattern Pattern, IReadOnlyList<VersionedModel> Models)
{
    public long TotalBytes => Models.Sum(m => m.Info.Bytes);

    /// <summary>Stages and locks interrupted commands left under model_base, whatever the query.</summary>
    public IReadOnlyList<LeftBehind> LeftBehind { get; init; } = [];
}

/// <summary>The models under a server's <c>model_base</c>: one per entry, sized by everything below it.</summary>
public static class ListOperation
{
    /// <param name="requireLatest">With <c>--model M@latest</c>: a server without any version of M is an error (one server), or just an empty list (one of several).</param>
    public static async Task<ListResult> RunAsync(RemoteSession session, string aliasName, ListQuery query, CancellationToken cancellationToken, bool requireLatest = true)
    {
        if (LatestSelector.TryParse(query.Model, out var latestOf)) query = query with { Model = latestOf, Latest = true };
        var server = await session.ConnectAsync(aliasName, requireRsync: false, cancellationToken);
        var (catalog, listing) = await ModelBaseCatalog.ScanWithListingAsync(server, session.Config.Naming.Pattern, cancellationToken);
        if (requireLatest && latestOf is not null && catalog.VersionsOf(latestOf).Count == 0) throw LatestResolver.NoVersions(catalog, latestOf, aliasName);
        return new ListResult(aliasName, server.ModelBase, query, catalog.Pattern, Select(catalog.Entries, query))
        {
            LeftBehind = await LeftBehindScan.FindAsync(server, listing, cancellationToken),
        };
    }

    /// <summary>The entries <paramref name="query"/> keeps, newest modification first.</summary>
    public static IReadOnlyList<VersionedModel> Select(IEnumerable<VersionedModel> entries, ListQuery query)
    {
        var kept = entries
            .Where(e => query.Filter is null || MatchesFilter(e, query.Filter))
            .Where(e => query.Model is null || ModelCatalog.IsModel(e, query.Model));
        if (query.Latest) kept = ModelCatalog.LatestOfEach(kept);
        return kept
            .OrderByDescending(e => e.Info.Modified)
            .ThenBy(e => e.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary><c>--filter</c> on the whole name, or on any one field (so <c>'LANG*'</c> finds MODEL LANGDETECTOR_MMS).</summary>
    public static bool MatchesFilter(VersionedModel entry, string filter) =>
        NameFilter.Matches(entry.Name, filter)
        || (entry.Parsed is { } parsed && parsed.Fields.Any(f => NameFilter.Matches(f.Value, filter)));
}

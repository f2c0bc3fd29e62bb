
namespace ModelSync.Versioning;

/// <summary>
/// The models of one model_base read through a naming pattern: which names follow it, and the versions of
/// each MODEL (compared case-insensitively: <c>asr</c> and <c>ASR</c> are one model). Pure: built from a listing.
/// </summary>
public sealed class ModelCatalog
{
    public ModelCatalog(IEnumerable<ModelInfo> models, NamingPattern pattern)
    {
        Pattern = pattern;
        Entries = models.Select(m => new VersionedModel(m, pattern.Parse(m.Name))).ToList();
    }

    public NamingPattern Pattern { get; }

    /// <summary>Every entry of the listing, in the listing's order.</summary>
    public IReadOnlyList<VersionedModel> Entries { get; }

    /// <summary>Every version of <paramref name="model"/> (the MODEL field, any case), newest first.</summary>
    public IReadOnlyList<VersionedModel> VersionsOf(string model) =>
        Entries.Where(e => IsModel(e, model)).Order(VersionOrder.NewestFirst).ToList();

    /// <summary>The MODEL values there, each spelt as in its newest version, in alphabetical order.</summary>
    public IReadOnlyList<string> ModelNames =>
        LatestOfEach(Entries).Where(e => e.Conforms).Select(e => e.Parsed!.Model).Order(StringComparer.OrdinalIgnoreCase).ToList();

    public static bool IsModel(VersionedModel entry, string model) =>
        entry.Parsed is { } parsed && string.Equals(parsed.Model, model, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The newest version of each MODEL among <paramref name="entries"/>, in their original order; a name that does
    /// not follow the pattern has no versions to compare and is kept as it is.
    /// </summary>
    public static IEnumerable<VersionedModel> LatestOfEach(IEnumerable<VersionedModel> entries)
    {
        var list = entries.ToList();
        var newest = list.Where(e => e.Conforms)
            .GroupBy(e => e.Parsed!.Model, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.Max(VersionOrder.OldestFirst)!)
            .ToHashSet();
        return list.Where(e => !e.Conforms || newest.Contains(e));
    }
}

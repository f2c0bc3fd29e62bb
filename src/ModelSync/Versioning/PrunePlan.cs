using ModelSync.Paths;

namespace ModelSync.Versioning;

/// <summary>What <c>prune</c> did, or would do, to one version.</summary>
public enum PruneFate
{
    Kept,
    WouldRemove,
    Removed,

    /// <summary>Someone else holds its lock: left alone.</summary>
    Locked,

    /// <summary>A stage or an old name beside it: a push is publishing it, left alone.</summary>
    BeingPublished,

    /// <summary>Gone before prune came to it.</summary>
    Gone,
}

/// <summary>One version and its fate; <paramref name="Holder"/>: who holds its lock, when known.</summary>
public sealed record PruneEntry(VersionedModel Version, PruneFate Fate, string? Holder = null)
{
    /// <summary>Removed, or would be: its bytes count as freed.</summary>
    public bool Frees => Fate is PruneFate.Removed or PruneFate.WouldRemove;
}

/// <summary>
/// Which versions <c>prune</c> keeps: the <c>keep</c> newest by <see cref="VersionOrder"/>. Of the rest, one with a
/// lock, stage or old name beside it in the listing is left alone (a push is at work there); the others may go. Pure.
/// </summary>
public static class PrunePlan
{
    /// <param name="newestFirst">Every version of one MODEL, newest first (<see cref="ModelCatalog.VersionsOf"/>).</param>
    /// <param name="controlNames">model-sync's own entries in the same listing (<see cref="StageNames"/>).</param>
    public static IReadOnlyList<PruneEntry> Make(IReadOnlyList<VersionedModel> newestFirst, int keep, IReadOnlySet<string> controlNames) =>
    [
        .. newestFirst.Take(keep).Select(v => new PruneEntry(v, PruneFate.Kept)),
        .. newestFirst.Skip(keep).Select(v => new PruneEntry(v, Busy(v.Name, controlNames) ?? PruneFate.WouldRemove)),
    ];

    private static PruneFate? Busy(string name, IReadOnlySet<string> controlNames)
    {
        bool Has(Func<string, string> sibling) => controlNames.Contains(PosixPath.Name(sibling(name)));
        if (Has(StageNames.Lock)) return PruneFate.Locked;
        return Has(StageNames.Stage) || Has(StageNames.Old) ? PruneFate.BeingPublished : null;
    }
}

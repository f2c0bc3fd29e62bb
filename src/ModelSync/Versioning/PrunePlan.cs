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

/// <summary>
/// A lock found beside a version: <paramref name="Holder"/> as its record describes it (null when it has none),
/// <paramref name="Age"/> its own mtime's, and whether a push would find it <paramref name="Stale"/> and break it.
/// </summary>
public sealed record VersionLock(string? Holder, TimeSpan Age, bool Stale);

/// <summary>
/// One version and its fate; <paramref name="Holder"/>: who holds its lock, when known. <paramref name="StaleLock"/>: a
/// stale lock beside a version that goes all the same (removing it breaks the lock, as a push would).
/// </summary>
public sealed record PruneEntry(VersionedModel Version, PruneFate Fate, string? Holder = null, VersionLock? StaleLock = null)
{
    /// <summary>Removed, or would be: its bytes count as freed.</summary>
    public bool Frees => Fate is PruneFate.Removed or PruneFate.WouldRemove;
}

/// <summary>
/// Which versions <c>prune</c> keeps: the <c>keep</c> newest by <see cref="VersionOrder"/>. Of the rest, one with a
/// live lock, stage or old name beside it in the listing is left alone (a push is at work there); the others may go,
/// a stale lock no hindrance. Pure.
/// </summary>
public static class PrunePlan
{
    /// <param name="newestFirst">Every version of one MODEL, newest first (<see cref="ModelCatalog.VersionsOf"/>).</param>
    /// <param name="controlNames">model-sync's own entries in the same listing (<see cref="StageNames"/>).</param>
    /// <param name="locks">The locks in that listing judged, by the name they lock; a lock missing here counts as live.</param>
    public static IReadOnlyList<PruneEntry> Make(IReadOnlyList<VersionedModel> newestFirst, int keep, IReadOnlySet<string> controlNames,
        IReadOnlyDictionary<string, VersionLock>? locks = null) =>
    [
        .. newestFirst.Take(keep).Select(v => new PruneEntry(v, PruneFate.Kept)),
        .. newestFirst.Skip(keep).Select(v => Fate(v, controlNames, locks?.GetValueOrDefault(v.Name))),
    ];

    private static PruneEntry Fate(VersionedModel version, IReadOnlySet<string> controlNames, VersionLock? found)
    {
        bool Has(Func<string, string> sibling) => controlNames.Contains(PosixPath.Name(sibling(version.Name)));
        var stale = found is { Stale: true } ? found : null;
        if (Has(StageNames.Lock) && stale is null) return new PruneEntry(version, PruneFate.Locked, found?.Holder);
        return new PruneEntry(version, Has(StageNames.Stage) || Has(StageNames.Old) ? PruneFate.BeingPublished : PruneFate.WouldRemove, StaleLock: stale);
    }
}

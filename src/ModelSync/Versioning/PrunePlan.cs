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

    /// <summary>A stage beside it: a push is publishing it (or will resume), left alone.</summary>
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

    /// <summary>The previous version a finished publish of this one could not remove, left at its old name; null when none is.</summary>
    public PreviousLeftover? Leftover { get; init; }

    /// <summary>The bytes freed: the version's when it goes, and its leftover's when that goes.</summary>
    public long FreedBytes => (Frees ? Version.Info.Bytes : 0) + (Leftover is { Frees: true } l ? l.Bytes : 0);
}

/// <summary>What <c>prune</c> did, or would do, to a previous version left beside a version.</summary>
public enum LeftoverFate
{
    WouldRemove,
    Removed,

    /// <summary>Tried, and still there (another user's files in it): <see cref="PreviousLeftover.Why"/> says why.</summary>
    Left,

    /// <summary>Not tried: the version is locked or being published, or its lock could not be taken.</summary>
    Skipped,
}

/// <summary>
/// The previous version a finished publish could not remove, left at the old name <paramref name="Name"/> beside a
/// version that is in place (so it is no copy of anything live): <paramref name="Bytes"/> its files' size.
/// </summary>
public sealed record PreviousLeftover(string Name, long Bytes, LeftoverFate Fate, string? Why = null)
{
    public bool Frees => Fate is LeftoverFate.Removed or LeftoverFate.WouldRemove;
}

/// <summary>
/// Which versions <c>prune</c> keeps: the <c>keep</c> newest by <see cref="VersionOrder"/>. Of the rest, one with a
/// live lock or a stage beside it in the listing is left alone (a push is at work there); the others may go, a stale
/// lock no hindrance. A previous version left beside a version (its old name: the version is in place, so the publish
/// that left it finished) may go with the version or beside a kept one, unless a push is at work there. Pure.
/// </summary>
public static class PrunePlan
{
    /// <param name="newestFirst">Every version of one MODEL, newest first (<see cref="ModelCatalog.VersionsOf"/>).</param>
    /// <param name="controlNames">model-sync's own entries in the same listing (<see cref="StageNames"/>).</param>
    /// <param name="locks">The locks in that listing judged, by the name they lock; a lock missing here counts as live.</param>
    /// <param name="leftoverBytes">The size of each old name in that listing, by its own name.</param>
    public static IReadOnlyList<PruneEntry> Make(IReadOnlyList<VersionedModel> newestFirst, int keep, IReadOnlySet<string> controlNames,
        IReadOnlyDictionary<string, VersionLock>? locks = null, IReadOnlyDictionary<string, long>? leftoverBytes = null) =>
    [
        .. newestFirst.Take(keep).Select(v => WithLeftover(new PruneEntry(v, PruneFate.Kept), controlNames, locks?.GetValueOrDefault(v.Name), leftoverBytes)),
        .. newestFirst.Skip(keep).Select(v => WithLeftover(Fate(v, controlNames, locks?.GetValueOrDefault(v.Name)), controlNames, locks?.GetValueOrDefault(v.Name), leftoverBytes)),
    ];

    private static PruneEntry Fate(VersionedModel version, IReadOnlySet<string> controlNames, VersionLock? found)
    {
        bool Has(Func<string, string> sibling) => controlNames.Contains(PosixPath.Name(sibling(version.Name)));
        var stale = found is { Stale: true } ? found : null;
        if (Has(StageNames.Lock) && stale is null) return new PruneEntry(version, PruneFate.Locked, found?.Holder);
        return new PruneEntry(version, Has(StageNames.Stage) ? PruneFate.BeingPublished : PruneFate.WouldRemove, StaleLock: stale);
    }

    /// <summary>A kept or going version's leftover may go; one beside a version a push is at work on is not touched.</summary>
    private static PruneEntry WithLeftover(PruneEntry entry, IReadOnlySet<string> controlNames, VersionLock? found, IReadOnlyDictionary<string, long>? leftoverBytes)
    {
        var old = PosixPath.Name(StageNames.Old(entry.Version.Name));
        if (!controlNames.Contains(old)) return entry;
        var busy = entry.Fate is PruneFate.Locked or PruneFate.BeingPublished
            || (controlNames.Contains(PosixPath.Name(StageNames.Lock(entry.Version.Name))) && found is not { Stale: true });
        return entry with { Leftover = new PreviousLeftover(old, leftoverBytes?.GetValueOrDefault(old) ?? 0, busy ? LeftoverFate.Skipped : LeftoverFate.WouldRemove) };
    }
}

using ModelSync.Text;
using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Publishing;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Transfer;
using ModelSync.Versioning;

namespace ModelSync.Operations;

/// <summary>
/// <c>prune</c>'s choices. <paramref name="Confirm"/> is asked once, with every server's plan (the versions that would
/// go), before anything is removed; false stops the command with nothing changed. <paramref name="Command"/> is
/// recorded in each lock taken: the command line as run, so whoever finds the lock can rerun it.
/// </summary>
public sealed record PruneOptions(int Keep, bool AllowNone, bool DryRun, Func<IReadOnlyList<PruneResult>, bool> Confirm, string Command, Action<string> Warn);

public sealed record PruneResult(string Server, string ModelBase, string Model, int Keep, bool DryRun, IReadOnlyList<PruneEntry> Entries)
{
    public long FreedBytes => Entries.Sum(e => e.FreedBytes);

    public int Count(PruneFate fate) => Entries.Count(e => e.Fate == fate);

    /// <summary>The versions the plan would remove.</summary>
    public IReadOnlyList<VersionedModel> Going => [.. Entries.Where(e => e.Fate == PruneFate.WouldRemove).Select(e => e.Version)];

    /// <summary>The previous versions left by finished publishes that the plan would remove.</summary>
    public IReadOnlyList<PreviousLeftover> LeftoversGoing => [.. Entries.Select(e => e.Leftover).OfType<PreviousLeftover>().Where(l => l.Fate == LeftoverFate.WouldRemove)];

    public int Count(LeftoverFate fate) => Entries.Count(e => e.Leftover?.Fate == fate);

    /// <summary>The plan removes something: a version, or a previous version a publish left.</summary>
    public bool RemovesAnything => Going.Count > 0 || LeftoversGoing.Count > 0;

    /// <summary>What <paramref name="plans"/> would remove, in words: "2 versions", "1 previous version a publish left", or both.</summary>
    public static string WouldRemove(IReadOnlyCollection<PruneResult> plans)
    {
        var (versions, leftovers) = (plans.Sum(p => p.Going.Count), plans.Sum(p => p.LeftoversGoing.Count));
        var left = Human.Count(leftovers, "previous version") + (leftovers == 1 ? " a publish left" : " publishes left");
        return leftovers == 0 ? Human.Count(versions, "version") : versions == 0 ? left : $"{Human.Count(versions, "version")} and {left}";
    }
}

/// <summary>
/// <c>prune</c>: removes all but the newest versions of one MODEL under a server's model_base, each under the lock a
/// push of it would take, and never one a push is at work on. Planned first (<see cref="PlanAsync"/>), removed after
/// consent (<see cref="ApplyAsync"/>), so several servers can be agreed to at once.
/// </summary>
public static class PruneOperation
{
    /// <summary>Before connecting: <c>--keep</c> is at least 0, and 0 (every version) only when asked for twice.</summary>
    public static void CheckKeep(int keep, bool allowNone)
    {
        if (keep < 0) throw ModelSyncException.Usage($"--keep must be 0 or more, not {keep}", "pass how many of the newest versions to keep, e.g. --keep 2");
        if (keep == 0 && !allowNone)
            throw ModelSyncException.Usage("--keep 0 would remove every version of the model", "to remove them all, add --allow-none; else keep some, e.g. --keep 1");
    }

    public static async Task<PruneResult> RunAsync(RemoteSession session, string aliasName, string model, PruneOptions options, CancellationToken cancellationToken)
    {
        CheckKeep(options.Keep, options.AllowNone);
        var plan = await PlanAsync(session, aliasName, model, options.Keep, options.DryRun, requireVersions: true, cancellationToken);
        if (options.DryRun || !plan.RemovesAnything) return plan;
        if (!options.Confirm([plan]))
            throw ModelSyncException.Usage($"prune would remove {PruneResult.WouldRemove([plan])} of {plan.Model} from {aliasName}; nothing was changed",
                "review the list (add --dry-run), then run again with --yes (needed when stdin is not a terminal)");
        return await ApplyAsync(session, plan, options, cancellationToken);
    }

    /// <summary>
    /// The fate of every version of <paramref name="model"/> on the server, changing nothing. A lock beside a version is
    /// judged as a push would judge it (<see cref="TargetLock.IsStale"/>): a stale one does not keep the version.
    /// <paramref name="requireVersions"/>: no version there is an error (one server), or an empty plan (one of a group).
    /// </summary>
    public static async Task<PruneResult> PlanAsync(RemoteSession session, string aliasName, string model, int keep, bool dryRun, bool requireVersions,
        CancellationToken cancellationToken)
    {
        var server = await session.ConnectAsync(aliasName, requireRsync: false, cancellationToken);
        var (catalog, listing) = await ModelBaseCatalog.ScanWithListingAsync(server, session.Config.Naming.Pattern, cancellationToken);
        var versions = catalog.VersionsOf(model);
        if (versions.Count == 0 && requireVersions) throw LatestResolver.NoVersions(catalog, model, aliasName);
        var controlNames = listing.ReservedNames.Where(n => !n.Contains('/', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        var locks = await LocksAsync(server, listing, versions, controlNames, cancellationToken);
        var plan = PrunePlan.Make(versions, keep, controlNames, locks, LeftoverBytes(listing));
        return new PruneResult(aliasName, server.ModelBase, versions.Count > 0 ? versions[0].Parsed!.Model : model, keep, dryRun, plan);
    }

    /// <summary>Removes what <paramref name="plan"/> would remove, each version under its lock.</summary>
    public static async Task<PruneResult> ApplyAsync(RemoteSession session, PruneResult plan, PruneOptions options, CancellationToken cancellationToken)
    {
        var server = await session.ConnectAsync(plan.Server, requireRsync: false, cancellationToken);
        var done = new List<PruneEntry>();
        foreach (var entry in plan.Entries)
            done.Add(entry.Fate == PruneFate.WouldRemove || entry.Leftover?.Fate == LeftoverFate.WouldRemove ? await RemoveAsync(server, entry, options, cancellationToken) : entry);
        return plan with { Entries = done };
    }

    /// <summary>The size of each old name (a previous version a publish left) in the listing of model_base, by its name.</summary>
    private static Dictionary<string, long> LeftoverBytes(Manifests.TreeListing listing) =>
        listing.ControlEntries
            .GroupBy(e => e.Path.Split('/')[0], StringComparer.Ordinal)
            .Where(g => StageNames.TryParse(g.Key, out var role, out _) && role == "old")
            .ToDictionary(g => g.Key, g => g.Where(e => e.Kind == Manifests.EntryKind.File).Sum(e => e.Size), StringComparer.Ordinal);

    /// <summary>The locks beside versions that could go, judged; read (one call) only when the listing shows such a lock.</summary>
    private static async Task<IReadOnlyDictionary<string, VersionLock>> LocksAsync(IRemote server, Manifests.TreeListing listing,
        IReadOnlyList<VersionedModel> versions, HashSet<string> controlNames, CancellationToken cancellationToken)
    {
        if (!versions.Any(v => controlNames.Contains(PosixPath.Name(StageNames.Lock(v.Name))))) return new Dictionary<string, VersionLock>();
        var now = DateTimeOffset.UtcNow;
        return (await LeftBehindScan.FindAsync(server, listing, cancellationToken))
            .Where(l => l.Kind == LeftBehindKind.Lock)
            .ToDictionary(l => l.Target, l => Judge(l, now - l.Since), StringComparer.Ordinal);
    }

    /// <summary>A lock without a readable holder is judged by its age alone, as <see cref="TargetLock"/> judges one whose fields read <c>?</c>.</summary>
    private static VersionLock Judge(LeftBehind found, TimeSpan age)
    {
        var holder = found.Holder ?? new LockHolder("?", 0, "?", "?", "?");
        return new VersionLock(found.Holder?.Describe(), age, TargetLock.IsStale(holder, age, LockPolicy.Default));
    }

    private static async Task<PruneEntry> RemoveAsync(IRemote server, PruneEntry planned, PruneOptions options, CancellationToken cancellationToken)
    {
        var version = planned.Version;
        var target = PosixPath.Combine(server.ModelBase, version.Name);
        var (taken, holder) = await TargetLock.TryAcquireAsync(server, target, options.Command, LockPolicy.Default, options.Warn, cancellationToken);
        if (taken is null)
        {
            return new PruneEntry(version, planned.Fate == PruneFate.Kept ? PruneFate.Kept : PruneFate.Locked, holder!.Describe())
            {
                Leftover = planned.Leftover is { } l ? l with { Fate = LeftoverFate.Skipped } : null,
            };
        }
        await using (taken)
        {
            if (planned.Leftover is { Fate: LeftoverFate.WouldRemove } leftover)
                planned = planned with { Leftover = await RemoveLeftoverAsync(server, target, leftover, options, cancellationToken) };
            if (planned.Fate != PruneFate.WouldRemove) return planned;
            // Its old name stays in sight only beside it: alone, it reads as a publish stopped between its renames.
            if (planned.Leftover is { Fate: LeftoverFate.Left }) return planned with { Fate = PruneFate.Kept };
            var removal = await server.RemoveVersionAsync(target, cancellationToken);
            return planned with
            {
                Fate = removal switch
                {
                    VersionRemoval.Removed => PruneFate.Removed,
                    VersionRemoval.Gone => PruneFate.Gone,
                    _ => PruneFate.BeingPublished,
                },
            };
        }
    }

    /// <summary>Under the version's lock: the previous version a finished publish left beside it; one that still cannot go is a warning.</summary>
    private static async Task<PreviousLeftover> RemoveLeftoverAsync(IRemote server, string target, PreviousLeftover leftover, PruneOptions options,
        CancellationToken cancellationToken)
    {
        var removal = await server.RemovePreviousVersionAsync(target, null, cancellationToken);
        if (removal.Left is { } left) options.Warn(left.StillLeftWarning(PosixPath.Name(target)));
        return removal.State switch
        {
            PreviousVersionState.Removed or PreviousVersionState.Gone => leftover with { Fate = LeftoverFate.Removed },
            PreviousVersionState.Left => leftover with { Fate = LeftoverFate.Left, Why = removal.Left?.Why },
            _ => leftover with { Fate = LeftoverFate.Skipped },
        };
    }
}

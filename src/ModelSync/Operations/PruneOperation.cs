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
    public long FreedBytes => Entries.Where(e => e.Frees).Sum(e => e.Version.Info.Bytes);

    public int Count(PruneFate fate) => Entries.Count(e => e.Fate == fate);

    /// <summary>The versions the plan would remove.</summary>
    public IReadOnlyList<VersionedModel> Going => [.. Entries.Where(e => e.Fate == PruneFate.WouldRemove).Select(e => e.Version)];
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
        if (options.DryRun || plan.Going.Count == 0) return plan;
        if (!options.Confirm([plan]))
            throw ModelSyncException.Usage($"prune would remove {plan.Going.Count} version(s) of {plan.Model} from {aliasName}; nothing was changed",
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
        var plan = PrunePlan.Make(versions, keep, controlNames, locks);
        return new PruneResult(aliasName, server.ModelBase, versions.Count > 0 ? versions[0].Parsed!.Model : model, keep, dryRun, plan);
    }

    /// <summary>Removes what <paramref name="plan"/> would remove, each version under its lock.</summary>
    public static async Task<PruneResult> ApplyAsync(RemoteSession session, PruneResult plan, PruneOptions options, CancellationToken cancellationToken)
    {
        var server = await session.ConnectAsync(plan.Server, requireRsync: false, cancellationToken);
        var done = new List<PruneEntry>();
        foreach (var entry in plan.Entries)
            done.Add(entry.Fate == PruneFate.WouldRemove ? await RemoveAsync(server, entry, options, cancellationToken) : entry);
        return plan with { Entries = done };
    }

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
        if (taken is null) return new PruneEntry(version, PruneFate.Locked, holder!.Describe());
        await using (taken)
        {
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
}

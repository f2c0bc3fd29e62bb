using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Publishing;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Transfer;
using ModelSync.Versioning;

namespace ModelSync.Operations;

/// <summary>
/// <c>prune</c>'s choices. <paramref name="Confirm"/> is asked (server, the versions that would go) before anything is
/// removed; false stops the command with nothing changed. <paramref name="Command"/> is recorded in each lock taken.
/// </summary>
public sealed record PruneOptions(int Keep, bool AllowNone, bool DryRun, Func<string, IReadOnlyList<VersionedModel>, bool> Confirm, string Command, Action<string> Warn);

public sealed record PruneResult(string Server, string ModelBase, string Model, int Keep, bool DryRun, IReadOnlyList<PruneEntry> Entries)
{
    public long FreedBytes => Entries.Where(e => e.Frees).Sum(e => e.Version.Info.Bytes);

    public int Count(PruneFate fate) => Entries.Count(e => e.Fate == fate);
}

/// <summary>
/// <c>prune</c>: removes all but the newest versions of one MODEL under a server's model_base, each under the lock a
/// push of it would take, and never one a push is at work on.
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
        var server = await session.ConnectAsync(aliasName, requireRsync: false, cancellationToken);
        var (catalog, controlNames) = await ModelBaseCatalog.ScanWithControlNamesAsync(server, session.Config.Naming.Pattern, cancellationToken);
        var versions = catalog.VersionsOf(model);
        if (versions.Count == 0) throw LatestResolver.NoVersions(catalog, model, aliasName);
        var plan = PrunePlan.Make(versions, options.Keep, controlNames);
        var result = new PruneResult(aliasName, server.ModelBase, versions[0].Parsed!.Model, options.Keep, options.DryRun, plan);
        var going = plan.Where(e => e.Fate == PruneFate.WouldRemove).Select(e => e.Version).ToList();
        if (options.DryRun || going.Count == 0) return result;
        if (!options.Confirm(aliasName, going))
            throw ModelSyncException.Usage($"prune would remove {going.Count} version(s) of {result.Model} from {aliasName}; nothing was changed",
                "review the list (add --dry-run), then run again with --yes (needed when stdin is not a terminal)");
        var done = new List<PruneEntry>();
        foreach (var entry in plan)
            done.Add(entry.Fate == PruneFate.WouldRemove ? await RemoveAsync(server, entry.Version, options, cancellationToken) : entry);
        return result with { Entries = done };
    }

    private static async Task<PruneEntry> RemoveAsync(IRemote server, VersionedModel version, PruneOptions options, CancellationToken cancellationToken)
    {
        var target = PosixPath.Combine(server.ModelBase, version.Name);
        var (taken, holder) = await TargetLock.TryAcquireAsync(server, target, options.Command, LockPolicy.Default, options.Warn, cancellationToken);
        if (taken is null) return new PruneEntry(version, PruneFate.Locked, holder!.Describe());
        await using (taken)
        {
            var removal = await server.RemoveVersionAsync(target, cancellationToken);
            return new PruneEntry(version, removal switch
            {
                VersionRemoval.Removed => PruneFate.Removed,
                VersionRemoval.Gone => PruneFate.Gone,
                _ => PruneFate.BeingPublished,
            });
        }
    }
}

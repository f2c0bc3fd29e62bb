using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Planning;
using ModelSync.Text;
using ModelSync.Transfer;

namespace ModelSync.Preflight;

/// <summary>
/// What a transfer removes from its target is agreed to before the target is locked, so a person at the [y/N] prompt
/// holds no other push up, and held to after: under the lock the target is listed again, and a plan that would now
/// remove anything not agreed to stops the run before anything changes.
/// </summary>
internal static class RemovalConsent
{
    private const int Named = 3;

    /// <summary>
    /// A directory and a file (or link) trading places removes what the target had: refused without <c>--delete</c>.
    /// With it, the transfer's <see cref="TransferOptions.Consent"/> is asked (a terminal's [y/N], or <c>--yes</c>).
    /// </summary>
    public static void Ask(TransferContext run)
    {
        var removals = run.Plan.ToRemove.ToList();
        if (removals.Count == 0) return;
        if (run.Plan.NeedsDelete)
            throw ModelSyncException.Usage($"{run.Target.Display}: {Entries(removals.Count)} would be removed without --delete: {Names(removals)}; nothing was changed",
                "to replace them, run again with --delete --yes (see the whole list with --dry-run --delete), or choose another target");
        if (!run.Options.Consent.Confirm(run.Target.Remote.Alias.Name, removals))
            throw ModelSyncException.Usage($"--delete would remove {Human.Count(removals.Count, "file")} from {run.Target.Display}; nothing was changed",
                "review the list, then run again with --yes (needed when stdin is not a terminal)");
    }

    /// <summary>Under the lock: the target as it is now, planned again, may lose nothing beyond what was agreed to.</summary>
    public static async Task<TransferContext> RecheckAsync(TransferContext run)
    {
        // A target that became a link meanwhile is refused as at the first listing; one replaced by --replace-link stays empty.
        var now = TargetLink.Check(run.Direction, run.Target, await run.Target.Remote.ScanAsync(run.Target.Path, run.Cancellation), run.Options.ReplaceLink, out _);
        var plan = Planner.Plan(run.SourceTree, now, new PlanOptions(run.Options.Delete));
        var agreed = run.Plan.ToRemove.Select(Key).ToHashSet();
        var more = plan.ToRemove.Where(e => !agreed.Contains(Key(e))).ToList();
        if (more.Count > 0)
            throw new ModelSyncException($"{run.Target.Display} changed after it was listed: {Entries(more.Count)} not agreed to would also be removed: {Names(more)}; nothing was changed",
                ExitCodes.Failed, "run the same command again to see the new list");
        return run with { TargetTree = now, Plan = plan };
    }

    /// <summary>What is removed, as it was when listed: a file changed since is not the file agreed to.</summary>
    private static (string Path, EntryKind Kind, long Size, string Modified, string? Link) Key(PlannedEntry entry)
    {
        var target = entry.Target!;
        return target.Kind == EntryKind.Directory ? (entry.Path, target.Kind, 0, "", null) : (entry.Path, target.Kind, target.Size, target.ModifiedExact, target.LinkTarget);
    }

    private static string Entries(int count) => count == 1 ? "1 entry" : $"{count} entries";

    private static string Names(List<PlannedEntry> entries) =>
        string.Join(", ", entries.Take(Named).Select(e => e.Removed)) + (entries.Count > Named ? $" and {entries.Count - Named} more" : "");
}

using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Resolve;
using ModelSync.Text;

namespace ModelSync.Fleet;

/// <summary>
/// <c>prune</c> on several servers: every server planned (<c>parallel</c> at a time), one consent for all the plans,
/// then every server pruned. A server that fails, at either step, is its own failure and the others go on; a server
/// that holds no version of the model has nothing to prune.
/// </summary>
public static class FleetPrune
{
    public static async Task<IReadOnlyList<TargetOutcome<PruneResult>>> RunAsync(RemoteSession session, IReadOnlyList<RemoteSpec> targets, string model,
        PruneOptions options, int parallel, CancellationToken cancellationToken)
    {
        PruneOperation.CheckKeep(options.Keep, options.AllowNone);
        var planned = await FleetRunner.RunAsync(targets, parallel,
            (target, token) => PruneOperation.PlanAsync(session, target.Alias, model, options.Keep, options.DryRun, requireVersions: false, token),
            null, null, cancellationToken);
        if (planned.All(o => o.Result is { Entries.Count: 0 }))
            throw ModelSyncException.Usage($"no version of model '{model}' on any of {string.Join(", ", targets.Select(t => t.Alias))}",
                $"MODEL is the {{MODEL}} field of the names; see `{ToolName.Command} list {string.Join(' ', targets.Select(t => t.Alias))} --model {model}`");
        var plans = planned.Select(o => o.Result).OfType<PruneResult>().Where(r => r.RemovesAnything).ToList();
        if (options.DryRun || plans.Count == 0) return planned;
        if (!options.Confirm(plans))
            throw ModelSyncException.Usage(
                $"prune would remove {PruneResult.WouldRemove(plans)} of {plans[0].Model} from {Human.Count(plans.Count, "server")}; nothing was changed",
                "review the lists (add --dry-run), then run again with --yes (needed when stdin is not a terminal)");
        var going = planned.Where(o => o.Result is { RemovesAnything: true }).ToList();
        var applied = await FleetRunner.RunAsync([.. going.Select(o => o.Target)], parallel,
            (target, token) => PruneOperation.ApplyAsync(session, going.First(o => o.Target == target).Result!, options, token),
            null, null, cancellationToken);
        return [.. planned.Select(o => applied.FirstOrDefault(a => a.Target == o.Target) is { } done ? done with { Seconds = o.Seconds + done.Seconds } : o)];
    }
}

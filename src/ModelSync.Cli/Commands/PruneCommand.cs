using System.CommandLine;
using ModelSync.Errors;
using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Reporting;
using ModelSync.Text;

namespace ModelSync.Cli.Commands;

/// <summary><c>prune</c>: remove all but the newest versions of one model, on one server or several.</summary>
public static class PruneCommand
{
    public static Command Create()
    {
        var alias = new Argument<string[]>("alias") { Description = "Server alias; several, or @group, to prune each (one question for all)", Arity = ArgumentArity.OneOrMore };
        var model = new Option<string>("--model") { Description = "The MODEL field of the names (any case, matched whole), e.g. ASR", HelpName = "MODEL", Required = true };
        var keep = new Option<int>("--keep") { Description = "How many of the newest versions to keep (VERSION, then DATE, then mtime)", HelpName = "N", Required = true };
        var allowNone = new Option<bool>("--allow-none") { Description = "Allow --keep 0: remove every version of the model" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be removed and the space freed; change nothing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Remove without asking (required when stdin is not a terminal)" };
        var command = new Command("prune", """
            Remove all but the N newest versions of one model under a server's model_base, each under the lock a push
            takes; a version locked or being published is skipped. Asks first (or needs --yes).
            Example: model-sync prune reaper --model ASR --keep 2 --dry-run
                     model-sync prune @gpu --model ASR --keep 2 --yes
            """) { alias, model, keep, allowNone, dryRun, yes, GlobalOptions.Parallel };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            var (servers, name, count) = (parse.GetValue(alias)!, parse.GetValue(model)!, parse.GetValue(keep));
            var options = new PruneOptions(count, parse.GetValue(allowNone), parse.GetValue(dryRun), plans => Confirm(plans, parse.GetValue(yes)),
                HolderCommand(parse), w => context.Warn([w]));
            if (FleetTargets.IsFleet(servers))
            {
                var targets = FleetTargets.Expand(context.Config, servers, pathsAllowed: false);
                var outcomes = await FleetPrune.RunAsync(session, targets, name, options, parse.GetValue(GlobalOptions.Parallel), ct);
                context.Report(w => FleetPruneReport.Write(w, name, options.DryRun, outcomes), () => FleetPruneReport.Json(name, count, options.DryRun, outcomes));
                return FleetRunner.ExitCode(outcomes.Select(o => o.Failure));
            }
            var result = await PruneOperation.RunAsync(session, servers[0], name, options, ct);
            context.Report(w => PruneReport.Write(w, result), () => PruneReport.Json(result));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>What each lock prune takes records as its holder: the command line as run, tool name first, so whoever finds the lock can rerun it.</summary>
    public static string HolderCommand(ParseResult parse) => ToolName.With(parse.Tokens.Select(t => t.Value));

    /// <summary>
    /// Yes with --yes; no when stdin is not a terminal; else the person's answer to [y/N] on stderr, after the list of
    /// what would go (each server's, when there are several) and the total freed.
    /// </summary>
    private static bool Confirm(IReadOnlyList<PruneResult> plans, bool assumeYes)
    {
        if (assumeYes) return true;
        if (Console.IsInputRedirected) return false;
        var several = plans.Count > 1;
        foreach (var plan in plans)
        {
            if (several) Console.Error.WriteLine($"{plan.Server}: {Human.Count(plan.Going.Count, "version")}, {Human.Bytes(plan.FreedBytes)}");
            foreach (var version in plan.Going) Console.Error.WriteLine($"  {Printable.Name(version.Name)}  {Human.Bytes(version.Info.Bytes)}");
            foreach (var left in plan.LeftoversGoing) Console.Error.WriteLine($"  {Printable.Name(left.Name)}  {Human.Bytes(left.Bytes)}  (a previous version a publish left)");
        }
        var count = plans.Sum(p => p.Going.Count);
        var leftovers = plans.Sum(p => p.LeftoversGoing.Count);
        var from = several ? Human.Count(plans.Count, "server") : plans[0].Server;
        var what = leftovers == 0 ? $"these {count} version(s)" : $"these {count} version(s) and {Human.Count(leftovers, "previous version")} left by publishes";
        Console.Error.Write($"Remove {what} from {from}, freeing {Human.Bytes(plans.Sum(p => p.FreedBytes))}? [y/N] ");
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}

using System.CommandLine;
using ModelSync.Errors;
using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Reporting;

namespace ModelSync.Cli.Commands;

/// <summary>The commands that look but do not change: <c>servers</c>, <c>diff</c>, <c>list</c>.</summary>
public static class QueryCommands
{
    public static Command Servers()
    {
        var check = new Option<bool>("--check") { Description = "Connect to every server in parallel (10 s each): reachable, latency, rsync, free space" };
        var only = new Argument<string[]>("alias") { Description = "Only these aliases or @groups (default: all)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("servers", """
            List the configured server aliases (and groups).
            Example: model-sync servers --check
                     model-sync servers --check @gpu
            """) { only, check };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, _) =>
        {
            var names = parse.GetValue(only) is { Length: > 0 } words ? FleetTargets.Expand(context.Config, words, pathsAllowed: false).Select(t => t.Alias).ToList() : null;
            var rows = await ServersOperation.RunAsync(context.Config, CliContext.Runner, parse.GetValue(check), ct, names);
            context.Report(w =>
            {
                ServersReport.Write(w, rows, context.Config.Source);
                ServersReport.WriteGroups(w, context.Config.Groups);
            }, () => ServersReport.Json(rows, context.Config.Source, context.Config.Groups));
            return rows.Any(r => r.Check is { Reachable: false }) ? ExitCodes.Failed : ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command Diff()
    {
        var local = new Argument<string>("local") { Description = "Local model directory or file" };
        var remote = new Argument<string[]>("target") { Description = "alias or alias:path, as for push; several, or @group, for a row per server", Arity = ArgumentArity.OneOrMore };
        var checksum = new Option<bool>("--checksum") { Description = "Compare a hash of content (see --hash) instead of size and mtime" };
        var command = new Command("diff", """
            Show what a push would change: same, new, modified, remote-only.
            Example: model-sync diff ./models/RTX3090_N2501_ASR_250820 reaper --checksum
                     model-sync diff ./model @gpu
            """) { local, remote, checksum, GlobalOptions.OutsideBase, GlobalOptions.Parallel, GlobalOptions.Hash, GlobalOptions.Quiet, GlobalOptions.Files };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            var targets = parse.GetValue(remote)!;
            if (FleetTargets.IsFleet(targets))
                return await FleetQueryCommands.DiffAsync(context, session, parse, parse.GetValue(local)!, targets, parse.GetValue(checksum), GlobalOptions.HashOf(parse, context.Config.Defaults), ct);
            var result = await DiffOperation.RunAsync(session, parse.GetValue(local)!, targets[0],
                parse.GetValue(checksum), parse.GetValue(GlobalOptions.OutsideBase), GlobalOptions.HashOf(parse, context.Config.Defaults), ct);
            context.Warn(result.Warnings);
            var bound = GlobalOptions.ListBoundOf(parse);
            context.Report(w =>
            {
                if (parse.GetValue(GlobalOptions.Quiet)) DiffReport.WriteResult(w, result);
                else DiffReport.Write(w, result, bound);
            }, () => DiffReport.Json(result, bound));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command List()
    {
        var alias = new Argument<string[]>("alias") { Description = "Server alias; several, or @group, for a column per server", Arity = ArgumentArity.OneOrMore };
        var filter = new Option<string?>("--filter") { Description = "Case-insensitive substring, or a glob with * ? [, on the whole name or any field", HelpName = "pattern" };
        var model = new Option<string?>("--model") { Description = "Only this MODEL field (any case); MODEL@latest: only its newest version", HelpName = "MODEL[@latest]" };
        var latest = new Option<bool>("--latest") { Description = "Only the newest version of each model (VERSION, then DATE, then mtime)" };
        var everyLeftBehind = new Option<bool>("--files")
        {
            Description = $"List every stage and lock left behind (Markdown and JSON); without it, that list stops after {ListBound.MaxListed} with a count",
        };
        var command = new Command("list", """
            List the models under a server's model_base, newest first, with the fields of their names.
            Example: model-sync list reaper --model ASR --latest
                     model-sync list reaper --filter 'RTX3090_*'
                     model-sync list @gpu --model ASR
            """) { alias, filter, model, latest, GlobalOptions.Parallel, everyLeftBehind };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            var query = new ListQuery(parse.GetValue(filter), parse.GetValue(model), parse.GetValue(latest));
            var servers = parse.GetValue(alias)!;
            if (FleetTargets.IsFleet(servers)) return await FleetQueryCommands.ListAsync(context, session, parse, servers, query, ct);
            var result = await ListOperation.RunAsync(session, servers[0], query, ct);
            var bound = parse.GetValue(everyLeftBehind) ? ListBound.Everything : ListBound.Bounded;
            context.Report(w => ListReport.Write(w, result, bound), () => ListReport.Json(result, bound));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}

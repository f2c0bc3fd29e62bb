using System.CommandLine;
using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Reporting;

namespace ModelSync.Cli.Commands;

/// <summary>The commands that look but do not change: <c>servers</c>, <c>diff</c>, <c>list</c>.</summary>
public static class QueryCommands
{
    public static Command Servers()
    {
        var check = new Option<bool>("--check") { Description = "Connect to every server in parallel (10 s each): reachable, latency, rsync, free space" };
        var command = new Command("servers", """
            List the configured server aliases.
            Example: model-sync servers --check
            """) { check };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, _) =>
        {
            var rows = await ServersOperation.RunAsync(context.Config, CliContext.Runner, parse.GetValue(check), ct);
            context.Report(w => ServersReport.Write(w, rows, context.Config.Source), () => ServersReport.Json(rows, context.Config.Source));
            return rows.Any(r => r.Check is { Reachable: false }) ? ExitCodes.Failed : ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command Diff()
    {
        var local = new Argument<string>("local") { Description = "Local model directory or file" };
        var remote = new Argument<string>("target") { Description = "alias or alias:path, as for push" };
        var checksum = new Option<bool>("--checksum") { Description = "Compare a hash of content (see --hash) instead of size and mtime" };
        var command = new Command("diff", """
            Show what a push would change: same, new, modified, remote-only.
            Example: model-sync diff ./models/RTX3090_N2501_ASR_250820 reaper --checksum
            """) { local, remote, checksum, GlobalOptions.OutsideBase, GlobalOptions.Hash };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            var result = await DiffOperation.RunAsync(session, parse.GetValue(local)!, parse.GetValue(remote)!,
                parse.GetValue(checksum), parse.GetValue(GlobalOptions.OutsideBase), GlobalOptions.HashOf(parse, context.Config.Defaults), ct);
            context.Warn(result.Warnings);
            context.Report(w => DiffReport.Write(w, result), () => DiffReport.Json(result));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    public static Command List()
    {
        var alias = new Argument<string>("alias") { Description = "Server alias" };
        var filter = new Option<string?>("--filter") { Description = "Case-insensitive substring, or a glob with * ? [, on the whole name or any field", HelpName = "pattern" };
        var model = new Option<string?>("--model") { Description = "Only this MODEL field (any case); MODEL@latest: only its newest version", HelpName = "MODEL[@latest]" };
        var latest = new Option<bool>("--latest") { Description = "Only the newest version of each model (VERSION, then DATE, then mtime)" };
        var command = new Command("list", """
            List the models under a server's model_base, newest first, with the fields of their names.
            Example: model-sync list reaper --model ASR --latest
                     model-sync list reaper --filter 'RTX3090_*'
            """) { alias, filter, model, latest };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            var query = new ListQuery(parse.GetValue(filter), parse.GetValue(model), parse.GetValue(latest));
            var result = await ListOperation.RunAsync(session, parse.GetValue(alias)!, query, ct);
            context.Report(w => ListReport.Write(w, result), () => ListReport.Json(result));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }
}

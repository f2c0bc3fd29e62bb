using System.CommandLine;
using ModelSync.Errors;
using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Reporting;
using ModelSync.Resolve;
using ModelSync.Transfer;

namespace ModelSync.Cli.Commands;

/// <summary><c>push</c>, <c>pull</c> and <c>copy</c>: the same walk in three directions.</summary>
public static class TransferCommands
{
    public static Command Push()
    {
        var local = new Argument<string>("local") { Description = "Local model directory or file" };
        var remote = new Argument<string[]>("target")
        {
            Description = "alias, alias:path (under model_base) or alias:dir/ (into dir); several, or @group[:path], push to each",
            Arity = ArgumentArity.OneOrMore,
        };
        var relay = new Option<bool>("--relay")
        {
            Description = "With several servers: push once from here, then the servers copy it to each other directly (default: defaults.relay)",
        };
        var noRelay = new Option<bool>("--no-relay") { Description = "With several servers: push to each from here" };
        var options = new TransferOptionSet();
        var command = new Command("push", """
            Send a local model to a server (or several, in parallel), verified, published atomically.
            Example: model-sync push ./models/RTX3090_N2501_ASR_250820 reaper
                     model-sync push ./model reaper:asr/v2 --dry-run
                     model-sync push ./model @gpu --parallel 8
                     model-sync push ./model @gpu --relay
            """) { local, remote, GlobalOptions.Parallel, relay, noRelay };
        options.AddTo(command);
        command.SetAction((parse, ct) => Cli.RunAsync(parse, (context, session) =>
        {
            var transfer = options.Read(parse, context.Config.Defaults);
            var targets = parse.GetValue(remote)!;
            if (FleetTargets.IsFleet(targets))
            {
                var relayed = !parse.GetValue(noRelay) && (parse.GetValue(relay) || context.Config.Defaults.Relay);
                return FleetPushCommand.RunAsync(context, session, parse, remote, parse.GetValue(local)!, transfer, options, relayed, ct);
            }
            return Run(context, Direction.Push, transfer, options.AssumeYes(parse), parse.GetValue(GlobalOptions.Quiet), GlobalOptions.ListBoundOf(parse), (consented, progress, resolved) =>
                PushPull.PushAsync(session, parse.GetValue(local)!, targets[0], parse.GetValue(GlobalOptions.OutsideBase),
                    consented, progress, resolved, ct));
        }, ct));
        return command;
    }

    public static Command Pull()
    {
        var remote = new Argument<string>("source") { Description = "alias:path of the model on the server" };
        var local = new Argument<string>("local") { Description = "Local destination: an existing directory or one ending in / receives the model inside it" };
        var options = new TransferOptionSet();
        var command = new Command("pull", """
            Fetch a model from a server, verified, published atomically.
            Example: model-sync pull reaper:RTX3090_N2501_ASR_250820 ./models/
            """) { remote, local };
        options.AddTo(command);
        command.SetAction((parse, ct) => Cli.RunAsync(parse, (context, session) =>
        {
            OneServer.Require(context, "pull", parse.GetValue(remote)!);
            var transfer = options.Read(parse, context.Config.Defaults);
            return Run(context, Direction.Pull, transfer, options.AssumeYes(parse), parse.GetValue(GlobalOptions.Quiet), GlobalOptions.ListBoundOf(parse), (consented, progress, resolved) =>
                PushPull.PullAsync(session, parse.GetValue(remote)!, parse.GetValue(local)!, parse.GetValue(GlobalOptions.OutsideBase),
                    consented, progress, resolved, ct));
        }, ct));
        return command;
    }

    public static Command Copy()
    {
        var source = new Argument<string>("source") { Description = "alias:path of the model on the source server (MODEL@latest allowed)" };
        var target = new Argument<string>("target") { Description = "alias, alias:path (under model_base) or alias:dir/ (into dir) on the target server" };
        var direct = new Option<bool>("--direct") { Description = "The source server sends straight to the target with rsync (needs its own ssh access there, or forward_agent: true)" };
        var options = new TransferOptionSet();
        var command = new Command("copy", """
            Copy a model from one server to another, verified at the target, published atomically.
            Default: streamed through this machine (nothing stored here); --direct: the source server sends itself.
            Example: model-sync copy reaper:RTX3090_N2501_ASR_250820 doomfist
                     model-sync copy reaper:ASR@latest doomfist:serving/ --direct
            """) { source, target, direct };
        options.AddTo(command);
        command.SetAction((parse, ct) => Cli.RunAsync(parse, (context, session) =>
        {
            OneServer.Require(context, "copy", parse.GetValue(source)!, parse.GetValue(target)!);
            var transfer = options.Read(parse, context.Config.Defaults);
            return Run(context, Direction.Copy, transfer, options.AssumeYes(parse), parse.GetValue(GlobalOptions.Quiet), GlobalOptions.ListBoundOf(parse), async (consented, progress, resolved) =>
            {
                var copy = new ServerCopy(session, progress);
                var (from, to) = await copy.ResolveAsync(parse.GetValue(source)!, parse.GetValue(target)!, parse.GetValue(GlobalOptions.OutsideBase), ct);
                resolved(from, to);
                return await copy.RunAsync(from, to, parse.GetValue(direct) ? CopyRoute.Direct : CopyRoute.Relay, consented, ct);
            });
        }, ct));
        return command;
    }

    /// <summary>How often a transfer not on a terminal says how far it got.</summary>
    private static readonly TimeSpan PlainProgressEvery = TimeSpan.FromSeconds(5);

    private static async Task<int> Run(CliContext context, Direction direction, TransferOptions options, bool assumeYes, bool quiet, ListBound bound,
        Func<TransferOptions, ITransferProgress, Action<Endpoint, Endpoint>, Task<TransferResult>> transfer)
    {
        // The Markdown report is held until the transfer returns, so a command that fails leaves nothing on stdout
        // (its error is the one line on stderr), never a header and an empty progress list.
        using var held = new StringWriter();
        var markdown = TextWriter.Synchronized(held);
        var report = context.Json ? context.Error : markdown;
        var progress = new ConsoleProgress(quiet ? TextWriter.Null : report, quiet ? TextWriter.Null : context.Error,
            liveBar: !quiet && !Console.IsErrorRedirected, plainEvery: quiet ? null : PlainProgressEvery, warnings: context.Error, bound: bound);
        var consent = new ConsoleRemovalConsent(report, assumeYes, namesServer: false, progress.Aside, bound,
            listed: () => Release(markdown, held, context.Output));
        var result = await transfer(options with { Consent = consent }, progress, (from, to) =>
        {
            if (!context.Json && !quiet) TransferReport.WriteHeader(markdown, direction, from, to, options.DryRun);
        });
        if (!options.DryRun) progress.Finish();
        Release(markdown, held, context.Output);
        context.Report(w => TransferReport.WriteResult(w, result, bound), () => TransferReport.Json(result, bound));
        return result.Verification.Status == VerifyStatus.Failed ? ExitCodes.VerificationFailed : ExitCodes.Ok;
    }

    private static void Release(TextWriter writer, StringWriter held, TextWriter output)
    {
        lock (writer)
        {
            output.Write(held.ToString());
            held.GetStringBuilder().Clear();
        }
    }
}

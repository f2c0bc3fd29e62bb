using System.CommandLine;
using ModelSync.Fleet;
using ModelSync.Reporting;
using ModelSync.Resolve;
using ModelSync.Transfer;

namespace ModelSync.Cli.Commands;

/// <summary><c>push ./model reaper doomfist</c> or <c>push ./model @gpu [--relay]</c>: the push to each server, a row each, and what to retry.</summary>
public static class FleetPushCommand
{
    public static async Task<int> RunAsync(CliContext context, RemoteSession session, ParseResult parse, Argument<string[]> targetArgument,
        string local, TransferOptions transfer, TransferOptionSet options, bool relay, CancellationToken cancellationToken)
    {
        var targets = FleetTargets.Expand(context.Config, parse.GetValue(targetArgument)!, pathsAllowed: true);
        var parallel = parse.GetValue(GlobalOptions.Parallel);
        IFanOutStrategy strategy = relay ? new RelayFanOut(parallel) : new ParallelFanOut(parallel);
        var quiet = parse.GetValue(GlobalOptions.Quiet);
        var report = context.Json ? context.Error : context.Output;
        if (!context.Json && !quiet) FleetPushReport.WriteHeader(context.Output, local, targets, strategy.Describe(targets.Count));
        var console = new FleetConsole(quiet ? TextWriter.Null : context.Error, targets, live: !quiet && !Console.IsErrorRedirected);
        var bound = GlobalOptions.ListBoundOf(parse);
        var consent = new ConsoleRemovalConsent(report, options.AssumeYes(parse), namesServer: true, console.Aside, bound);
        var result = await FleetPush.RunAsync(session, local, targets, parse.GetValue(GlobalOptions.OutsideBase), transfer with { Consent = consent },
            console, strategy, cancellationToken);
        var retry = RetryCommand.For(parse, targetArgument, result.Failed);
        context.Report(w => FleetPushReport.WriteResult(w, result, retry), () => FleetPushReport.Json(result, retry, bound));
        return result.ExitCode;
    }
}

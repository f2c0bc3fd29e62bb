using System.CommandLine;
using ModelSync.Fleet;
using ModelSync.Hashing;
using ModelSync.Operations;
using ModelSync.Reporting;
using ModelSync.Resolve;

namespace ModelSync.Cli.Commands;

/// <summary>The several-server forms of <c>list</c>, <c>diff</c> and <c>exec</c>; exit non-zero when any server failed.</summary>
public static class FleetQueryCommands
{
    public static async Task<int> ListAsync(CliContext context, RemoteSession session, ParseResult parse, string[] words, ListQuery query, CancellationToken cancellationToken)
    {
        var targets = FleetTargets.Expand(context.Config, words, pathsAllowed: false);
        var outcomes = await FleetQueries.ListAsync(session, targets, query, parse.GetValue(GlobalOptions.Parallel), cancellationToken);
        // --model M@latest comes back as model M, latest of each: report the query as each server read it.
        var read = outcomes.FirstOrDefault(o => o.Result is not null)?.Result!.Query ?? query;
        var pattern = context.Config.Naming.Pattern;
        context.Report(w => FleetListReport.Write(w, read, pattern, outcomes), () => FleetListReport.Json(read, pattern, outcomes));
        return FleetRunner.ExitCode(outcomes.Select(o => o.Failure));
    }

    public static async Task<int> DiffAsync(CliContext context, RemoteSession session, ParseResult parse, string local, string[] words, bool checksum, HashFunction hash, CancellationToken cancellationToken)
    {
        var targets = FleetTargets.Expand(context.Config, words, pathsAllowed: true);
        var outcomes = await FleetQueries.DiffAsync(session, local, targets, checksum, hash, parse.GetValue(GlobalOptions.OutsideBase),
            parse.GetValue(GlobalOptions.Parallel), cancellationToken);
        context.Warn(outcomes.SelectMany(o => o.Result?.Warnings ?? []).Distinct(StringComparer.Ordinal));
        context.Report(w => FleetDiffReport.Write(w, local, checksum, outcomes), () => FleetDiffReport.Json(local, checksum, outcomes, GlobalOptions.ListBoundOf(parse)));
        return FleetRunner.ExitCode(outcomes.Select(o => o.Failure));
    }

    public static async Task<int> ExecAsync(CliContext context, RemoteSession session, ParseResult parse, IReadOnlyList<string> servers, string command, CancellationToken cancellationToken)
    {
        var targets = FleetTargets.Expand(context.Config, servers, pathsAllowed: false);
        var outcomes = await FleetQueries.ExecAsync(session, targets, command, parse.GetValue(GlobalOptions.Parallel), cancellationToken);
        context.Report(w => FleetExecReport.Write(w, command, outcomes), () => FleetExecReport.Json(command, outcomes));
        return FleetRunner.ExitCode(outcomes.Select(o => o.Failure));
    }
}

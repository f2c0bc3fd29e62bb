using System.CommandLine;
using ModelSync.Errors;
using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Reporting;
using ModelSync.Text;

namespace ModelSync.Cli.Commands;

/// <summary><c>verify</c>: content checks that change nothing; exit 3 on any problem, with the push that repairs it.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var places = new Argument<string[]>("local-or-remote")
        {
            Description = "A local model and the alias[:path] of its copies (several, or @group, for a row per server); or alias:path (@group:path) alone to check each copy against its manifest",
            Arity = ArgumentArity.OneOrMore,
        };
        var trustHashes = new Option<bool>("--trust-hashes")
        {
            Description = "Take hashes recorded earlier instead of reading every file: the server's manifest and this machine's hash cache, "
                + "where size and mtime still match them. Faster, but blind to damage that kept size and mtime",
        };
        // Every file is read by default now; the old flag that asked for it still parses.
        var checksum = new Option<bool>("--checksum") { Description = "Read every file (the default)", Hidden = true };
        var command = new Command("verify", """
            Read and hash every file: a local model against its copy on one or more servers, or a server's copy against
            the manifest its last verified push left (by the manifest's hash). Exit 3 on any mismatch, missing or extra
            file, with the push that repairs it.
            Example: model-sync verify ./models/RTX3090_N2501_ASR_250820 reaper
                     model-sync verify ./models/RTX3090_N2501_ASR_250820 @gpu
                     model-sync verify reaper:ASR@latest
            """) { places, trustHashes, checksum, GlobalOptions.OutsideBase, GlobalOptions.Hash, GlobalOptions.Parallel, GlobalOptions.Quiet, GlobalOptions.Files };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            var trust = parse.GetValue(trustHashes);
            var outside = parse.GetValue(GlobalOptions.OutsideBase);
            if (trust && parse.GetValue(checksum))
                throw ModelSyncException.Usage("--trust-hashes and --checksum contradict each other", "drop --checksum: every file is read unless --trust-hashes is given");
            var (local, targets) = VerifyPlaces.Split(context.Config, parse.GetValue(places)!, p => File.Exists(p) || Directory.Exists(p));
            if (trust && local is null)
                throw ModelSyncException.Usage("--trust-hashes needs a local copy: against its manifest, a server's copy is only ever read",
                    $"drop --trust-hashes, or compare with a local copy: {ToolName.Command} verify <local> <alias>");
            var hash = GlobalOptions.HashOf(parse, context.Config.Defaults);
            if (FleetTargets.IsFleet(targets))
            {
                var outcomes = await FleetQueries.VerifyAsync(session, local, FleetTargets.Expand(context.Config, targets, pathsAllowed: true),
                    trust, hash, outside, parse.GetValue(GlobalOptions.Parallel), ct);
                context.Warn(outcomes.SelectMany(o => o.Result?.Warnings ?? []).Distinct(StringComparer.Ordinal));
                context.Report(w => FleetVerifyReport.Write(w, local, outcomes), () => FleetVerifyReport.Json(local, outcomes, GlobalOptions.ListBoundOf(parse)));
                return FleetRunner.ExitCode(outcomes.Select(o => o.Failure));
            }
            var result = local is null
                ? await VerifyOperation.AgainstManifestAsync(session, targets[0], outside, ct)
                : await VerifyOperation.CompareAsync(session, local, targets[0], trust, outside, hash, ct);
            context.Warn(result.Warnings);
            var bound = GlobalOptions.ListBoundOf(parse);
            context.Report(w =>
            {
                if (parse.GetValue(GlobalOptions.Quiet)) VerifyReport.WriteResult(w, result);
                else VerifyReport.Write(w, result, bound);
            }, () => VerifyReport.Json(result, bound));
            return result.Ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }, ct));
        return command;
    }
}

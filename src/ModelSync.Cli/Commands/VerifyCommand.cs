using System.CommandLine;
using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Reporting;

namespace ModelSync.Cli.Commands;

/// <summary><c>verify</c>: content checks that change nothing; exit 3 on any problem.</summary>
public static class VerifyCommand
{
    public static Command Create()
    {
        var first = new Argument<string>("local-or-remote") { Description = "Local model to compare, or alias:path to check against its manifest" };
        var second = new Argument<string?>("remote") { Description = "alias[:path] of the copy, as for push", Arity = ArgumentArity.ZeroOrOne };
        var checksum = new Option<bool>("--checksum") { Description = "Hash every file on both sides, even where the manifest still vouches for it" };
        var command = new Command("verify", """
            Compare every file's hash: a local model against its copy on a server, or a server's copy against the
            manifest its last verified push left (by the manifest's hash). Exit 3 on any mismatch, missing or extra file.
            Example: model-sync verify ./models/RTX3090_N2501_ASR_250820 reaper
                     model-sync verify reaper:ASR@latest
            """) { first, second, checksum, GlobalOptions.OutsideBase, GlobalOptions.Hash };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            var remote = parse.GetValue(second);
            var outside = parse.GetValue(GlobalOptions.OutsideBase);
            var result = remote is null
                ? await VerifyOperation.AgainstManifestAsync(session, parse.GetValue(first)!, outside, ct)
                : await VerifyOperation.CompareAsync(session, parse.GetValue(first)!, remote, parse.GetValue(checksum), outside,
                    GlobalOptions.HashOf(parse, context.Config.Defaults), ct);
            context.Warn(result.Warnings);
            context.Report(w => VerifyReport.Write(w, result), () => VerifyReport.Json(result));
            return result.Ok ? ExitCodes.Ok : ExitCodes.VerificationFailed;
        }, ct));
        return command;
    }
}

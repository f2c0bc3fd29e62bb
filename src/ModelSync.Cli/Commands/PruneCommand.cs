using System.CommandLine;
using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Reporting;
using ModelSync.Text;
using ModelSync.Versioning;

namespace ModelSync.Cli.Commands;

/// <summary><c>prune</c>: remove all but the newest versions of one model.</summary>
public static class PruneCommand
{
    public static Command Create()
    {
        var alias = new Argument<string>("alias") { Description = "Server alias" };
        var model = new Option<string>("--model") { Description = "The MODEL field of the names (any case, matched whole), e.g. ASR", HelpName = "MODEL", Required = true };
        var keep = new Option<int>("--keep") { Description = "How many of the newest versions to keep (VERSION, then DATE, then mtime)", HelpName = "N", Required = true };
        var allowNone = new Option<bool>("--allow-none") { Description = "Allow --keep 0: remove every version of the model" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be removed and the space freed; change nothing" };
        var yes = new Option<bool>("--yes", "-y") { Description = "Remove without asking (required when stdin is not a terminal)" };
        var command = new Command("prune", """
            Remove all but the N newest versions of one model under a server's model_base, each under the lock a push
            takes; a version locked or being published is skipped. Asks first (or needs --yes).
            Example: model-sync prune reaper --model ASR --keep 2 --dry-run
            """) { alias, model, keep, allowNone, dryRun, yes };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            var (server, name, count) = (parse.GetValue(alias)!, parse.GetValue(model)!, parse.GetValue(keep));
            OneServer.Require(context, "prune", server);
            var options = new PruneOptions(count, parse.GetValue(allowNone), parse.GetValue(dryRun),
                (_, going) => Confirm(going, server, parse.GetValue(yes)), $"prune {server} --model {name} --keep {count}", w => context.Warn([w]));
            var result = await PruneOperation.RunAsync(session, server, name, options, ct);
            context.Report(w => PruneReport.Write(w, result), () => PruneReport.Json(result));
            return ExitCodes.Ok;
        }, ct));
        return command;
    }

    /// <summary>Yes with --yes; no when stdin is not a terminal; else the person's answer to [y/N] on stderr, after the list.</summary>
    private static bool Confirm(IReadOnlyList<VersionedModel> going, string server, bool assumeYes)
    {
        if (assumeYes) return true;
        if (Console.IsInputRedirected) return false;
        foreach (var version in going) Console.Error.WriteLine($"  {Printable.Name(version.Name)}  {Human.Bytes(version.Info.Bytes)}");
        Console.Error.Write($"Remove these {going.Count} version(s) from {server}, freeing {Human.Bytes(going.Sum(v => v.Info.Bytes))}? [y/N] ");
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    }
}

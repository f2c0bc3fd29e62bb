using System.CommandLine;
using ModelSync.Fleet;
using ModelSync.Reporting;
using ModelSync.Reporting.Json;

namespace ModelSync.Cli.Commands;

/// <summary><c>exec</c>: a command in the server's shell, output streamed, its exit code passed on; or on several servers, a section each.</summary>
public static class ExecCommand
{
    public static Command Create()
    {
        var alias = new Argument<string>("alias") { Description = "Server alias or @group; more aliases or @groups may follow before the command" };
        var words = new Argument<string[]>("command") { Description = "Command line for the server's shell (quote it)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", """
            Run a command on a server; exits with its exit code. On several servers (aliases or @groups before the
            command), in parallel: a section of output per server; exit 1 if it failed anywhere.
            Example: model-sync exec reaper "nvidia-smi -L"
                     model-sync exec @gpu "nvidia-smi -L"
            """) { alias, words, GlobalOptions.Parallel };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            var (servers, rest) = SplitServers(context, parse.GetValue(alias)!, parse.GetValue(words)!);
            var line = string.Join(' ', rest);
            if (FleetTargets.IsFleet(servers)) return await FleetQueryCommands.ExecAsync(context, session, parse, servers, line, ct);
            var remote = await session.ConnectAsync(servers[0], requireRsync: false, ct);
            if (!context.Json) return await remote.ExecAsync(line, ct);
            var result = await remote.ExecCaptureAsync(line, ct);
            JsonOutput.Write(context.Output, new ExecJson
            {
                Server = remote.Alias.Name,
                Command = line,
                ExitCode = result.ExitCode,
                Stdout = result.StdoutText,
                Stderr = result.Stderr,
            });
            return result.ExitCode;
        }, ct));
        return command;
    }

    /// <summary>
    /// Words after the first that name a configured alias or @group are servers too, as long as a command word
    /// is left after them; the first other word starts the command.
    /// </summary>
    private static (List<string> Servers, IEnumerable<string> Command) SplitServers(CliContext context, string first, string[] words)
    {
        var servers = new List<string> { first };
        var taken = 0;
        while (taken < words.Length - 1 && FleetTargets.IsServerWord(context.Config, words[taken])) servers.Add(words[taken++]);
        return (servers, words.Skip(taken));
    }
}

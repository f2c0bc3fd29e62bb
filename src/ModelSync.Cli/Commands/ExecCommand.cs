using System.CommandLine;
using ModelSync.Reporting;

namespace ModelSync.Cli.Commands;

/// <summary><c>exec</c>: a command in the server's shell, output streamed, its exit code passed on.</summary>
public static class ExecCommand
{
    public static Command Create()
    {
        var alias = new Argument<string>("alias") { Description = "Server alias" };
        var words = new Argument<string[]>("command") { Description = "Command line for the server's shell (quote it)", Arity = ArgumentArity.OneOrMore };
        var command = new Command("exec", """
            Run a command on a server; exits with its exit code.
            Example: model-sync exec reaper "nvidia-smi -L"
            """) { alias, words };
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async (context, session) =>
        {
            var remote = await session.ConnectAsync(parse.GetValue(alias)!, requireRsync: false, ct);
            var line = string.Join(' ', parse.GetValue(words)!);
            if (!context.Json) return await remote.ExecAsync(line, ct);
            var result = await remote.ExecCaptureAsync(line, ct);
            JsonOutput.Write(context.Output, new
            {
                server = remote.Alias.Name,
                command = line,
                exit_code = result.ExitCode,
                stdout = result.StdoutText,
                stderr = result.Stderr,
            });
            return result.ExitCode;
        }, ct));
        return command;
    }
}

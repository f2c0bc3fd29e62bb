using System.CommandLine;
using System.Runtime.InteropServices;
using ModelSync.Cli.Commands;
using ModelSync.Errors;
using ModelSync.Resolve;
using ModelSync.Text;

namespace ModelSync.Cli;

/// <summary>Builds the command tree and maps every failure to one line and an exit code.</summary>
public static class Cli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("""
            model-sync: move ML model directories between servers over OpenSSH + rsync,
            verified by hash (sha256, or xxh128/blake3 with --hash) and published atomically.
            Example: model-sync push ./models/RTX3090_N2501_ASR_250820 reaper
            """);
        root.Options.Add(GlobalOptions.Config);
        root.Options.Add(GlobalOptions.Json);
        foreach (var command in new[]
        {
            QueryCommands.Servers(), TransferCommands.Push(), TransferCommands.Pull(), TransferCommands.Copy(),
            QueryCommands.Diff(), VerifyCommand.Create(), QueryCommands.List(), ExecCommand.Create(),
            VersionCommands.Versions(),
            VersionCommands.Name(),
            DoctorCommand.Create(),
            Completion.CompletionCommands.Completion(), Completion.CompletionCommands.Complete(),
        })
        {
            root.Subcommands.Add(command);
        }
        return root;
    }

    /// <summary>The command line as model-sync reads it: '@gpu' names a group of servers, never a response file of arguments.</summary>
    public static ParseResult Parse(IReadOnlyList<string> args) => Build().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    public static async Task<int> MainAsync(string[] args)
    {
        ToolName.Use(InvokedAs.Current());
        try
        {
            return await ParseAndInvokeAsync(args);
        }
        catch (Exception e)
        {
            // A handler outside RunAsync (completion) or the parser itself: still one line, never a stack trace.
            return CliFailure.Unexpected(Console.Out, Console.Error, args.Contains(GlobalOptions.Json.Name), e, args);
        }
    }

    private static async Task<int> ParseAndInvokeAsync(string[] args)
    {
        var parse = Parse(args);
        // An unknown option first: the parser may have bound it to an argument, or blamed the words after it.
        var unknown = UnknownOption.Find(parse);
        if (unknown is not null || parse.Errors.Count > 0)
        {
            var command = parse.CommandResult.Command;
            var help = command is RootCommand ? $"{ToolName.Command} --help" : $"{ToolName.Command} {command.Name} --help";
            var message = unknown is null ? parse.Errors[0].Message : UnknownOption.Message(unknown, command);
            return CliFailure.Write(Console.Out, Console.Error, parse.GetValue(GlobalOptions.Json), ExitCodes.Usage, message, $"see `{help}`");
        }
        // Ctrl-C and SIGTERM cancel the command, which then ends its children, releases its lock and says how to
        // resume, however long that takes; a second Ctrl-C ends the process at once.
        using var cancel = new CancellationTokenSource();
        void Stop(PosixSignalContext signal)
        {
            if (cancel.IsCancellationRequested) return;
            signal.Cancel = true;
            cancel.Cancel();
        }
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        // No default handler: what escapes a command reaches MainAsync and prints as one line, not "Unhandled exception".
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }, cancel.Token);
    }

    /// <summary>Runs one command handler with a context and a session, and turns failures into one clear line.</summary>
    public static Task<int> RunAsync(ParseResult parse, Func<CliContext, RemoteSession, Task<int>> handler, CancellationToken cancellationToken) =>
        RunAsync(parse, async context =>
        {
            await using var session = context.Session();
            return await handler(context, session);
        }, cancellationToken);

    /// <summary>
    /// Runs a handler that opens no session of its own (<c>doctor</c> reports a broken config as a row, so the config
    /// must not be loaded before it runs), with the same one-line failures.
    /// </summary>
    public static Task<int> RunAsync(ParseResult parse, Func<CliContext, Task<int>> handler, CancellationToken cancellationToken) =>
        RunAsync(parse, handler, Console.Out, Console.Error, cancellationToken);

    /// <summary>As above, reporting to <paramref name="output"/> (the report) and <paramref name="error"/> (progress, the error line).</summary>
    public static async Task<int> RunAsync(ParseResult parse, Func<CliContext, Task<int>> handler, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var json = parse.GetValue(GlobalOptions.Json);
        var context = new CliContext(json, parse.GetValue(GlobalOptions.Config), json ? output : new PrintableWriter(output), error);
        try
        {
            return await handler(context);
        }
        catch (ModelSyncException e)
        {
            return CliFailure.Write(output, error, json, e.ExitCode, e.Message, e.Fix);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliFailure.Write(output, error, json, ExitCodes.Interrupted, "interrupted; the target was left as it was",
                "run the same command again: it resumes from what already arrived");
        }
        catch (Exception e)
        {
            return CliFailure.Unexpected(output, error, json, e, [.. parse.Tokens.Select(t => t.Value)]);
        }
    }
}

using System.CommandLine;
using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Reporting;

namespace ModelSync.Cli.Commands;

/// <summary><c>doctor [alias…]</c>: every check a push or pull depends on, one row each, with the fix.</summary>
public static class DoctorCommand
{
    public static Command Create()
    {
        var aliases = new Argument<string[]>("alias")
        {
            Description = "Aliases to check (default: every configured one)",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var command = new Command("doctor", """
            Check the setup, one row per check with its fix: the config, ssh and rsync here, then for each server
            DNS, TCP port, host key, authentication, rsync there, model_base writable, free space, hash tools,
            clock skew and a clean, fast login shell. Exit 0 only when every check passes (warnings pass).
            Example: model-sync doctor reaper
            """) { aliases };
        command.SetAction((parse, ct) => RunAsync(parse, aliases, ct));
        return command;
    }

    // Not through Cli.RunAsync: it loads the config before the handler runs, and doctor reports a broken config as a row.
    private static async Task<int> RunAsync(ParseResult parse, Argument<string[]> aliases, CancellationToken cancellationToken)
    {
        var json = parse.GetValue(GlobalOptions.Json);
        var configPath = parse.GetValue(GlobalOptions.Config);
        var context = new CliContext(json, configPath, Console.Out, Console.Error);
        var request = new DoctorRequest(configPath, Environment.GetEnvironmentVariable(ConfigLoader.EnvironmentVariable), parse.GetValue(aliases) ?? []);
        try
        {
            var result = await DoctorOperation.RunAsync(request, CliContext.Runner, cancellationToken);
            context.Report(w => DoctorReport.Write(w, result), () => DoctorReport.Json(result));
            return result.ExitCode;
        }
        catch (ModelSyncException e)
        {
            return Fail(json, e.ExitCode, e.Message, e.Fix);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(json, ExitCodes.Interrupted, "interrupted", "run `model-sync doctor` again");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            if (Environment.GetEnvironmentVariable("MODEL_SYNC_DEBUG") == "1") Console.Error.WriteLine(e);
            return Fail(json, ExitCodes.Failed, $"unexpected {e.GetType().Name}: {e.Message}",
                "rerun with MODEL_SYNC_DEBUG=1 for the details, and report it");
        }
    }

    private static int Fail(bool json, int code, string message, string? fix)
    {
        if (json) JsonOutput.WriteError(Console.Out, code, message, fix);
        Console.Error.WriteLine($"error: {message}{(fix is null ? "" : " — " + fix)}");
        return code;
    }
}

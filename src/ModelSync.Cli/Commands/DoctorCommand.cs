using System.CommandLine;
using ModelSync.Config;
using ModelSync.Doctor;
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
        command.SetAction((parse, ct) => Cli.RunAsync(parse, async context =>
        {
            var request = new DoctorRequest(parse.GetValue(GlobalOptions.Config),
                Environment.GetEnvironmentVariable(ConfigLoader.EnvironmentVariable), parse.GetValue(aliases) ?? []);
            var result = await DoctorOperation.RunAsync(request, CliContext.Runner, ct);
            context.Report(w => DoctorReport.Write(w, result), () => DoctorReport.Json(result));
            return result.ExitCode;
        }, ct));
        return command;
    }
}

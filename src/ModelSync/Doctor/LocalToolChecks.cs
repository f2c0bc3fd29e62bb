using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Doctor;

/// <summary>The checks on this machine: the config file, and the ssh and rsync programs.</summary>
public static class LocalToolChecks
{
    /// <summary>How long a program on this machine (ssh, rsync, ssh-add) gets to answer doctor.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Loads the config as every command does; a broken one becomes a failed row instead of an error.</summary>
    public static (ModelSyncConfig? Config, DoctorCheck Check) Config(string? explicitPath, string? environmentPath)
    {
        try
        {
            var config = ConfigLoader.Load(explicitPath, environmentPath);
            if (config.Source is null) return (config, DoctorStep.Config.Ok(null, "none: built-in local alias only"));
            var aliases = config.Servers.Keys.ToList();
            return (config, DoctorStep.Config.Ok(null, $"{config.Source} ({aliases.Count} aliases: {string.Join(", ", aliases)})"));
        }
        catch (ModelSyncException e)
        {
            return (null, DoctorStep.Config.Fail(null, e.Message, e.Fix ?? "fix the config file"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (null, DoctorStep.Config.Fail(null, $"cannot read the config: {e.Message}", "make the file readable, or pass another with --config"));
        }
    }

    public static async Task<DoctorCheck> SshAsync(IProcessRunner runner, CancellationToken cancellationToken)
    {
        var (result, error) = await RunAsync(runner, "ssh", ["-V"], cancellationToken);
        return result is { ExitCode: 0 }
            ? DoctorStep.Ssh.Ok(null, DoctorVerdicts.SshVersion(result.Stderr + "\n" + result.StdoutText))
            : DoctorStep.Ssh.Fail(null, $"ssh does not run here: {error ?? DoctorVerdicts.Excerpt(result!.Stderr)}",
                "install the OpenSSH client (e.g. `apt-get install openssh-client`)");
    }

    public static async Task<DoctorCheck> RsyncAsync(IProcessRunner runner, CancellationToken cancellationToken)
    {
        var (result, error) = await RunAsync(runner, "rsync", ["--version"], cancellationToken);
        return result is { ExitCode: 0 }
            ? DoctorStep.Rsync.Ok(null, RsyncVersion.Number(result.StdoutText.Split('\n')[0].Trim()))
            : DoctorStep.Rsync.Fail(null, $"rsync does not run here: {error ?? DoctorVerdicts.Excerpt(result!.Stderr)}",
                "install it (e.g. `apt-get install rsync`)");
    }

    private static async Task<(ProcessResult? Result, string? Error)> RunAsync(IProcessRunner runner, string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            return (await runner.RunAsync(new ProcessSpec(program, arguments), timeout.Token), null);
        }
        catch (ModelSyncException e)
        {
            return (null, e.Message);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"no answer within {Timeout.TotalSeconds:0} s");
        }
    }
}

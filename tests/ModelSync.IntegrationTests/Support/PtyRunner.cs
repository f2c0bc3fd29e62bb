using System.Diagnostics;
using ModelSync.IntegrationTests.Fixtures;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// Runs the real CLI on a pseudo-terminal through util-linux <c>script</c>, as a person at a terminal would, with
/// CliRunner's environment (test HOME, the given config). Stdout and stderr share the terminal, so the result's
/// Stdout is the whole transcript, byte for byte; Stderr is <c>script</c>'s own.
/// </summary>
public static class PtyRunner
{
    /// <summary>What the .NET runtime itself writes to a terminal stdin on start (terminfo keypad_xmit for xterm), not model-sync.</summary>
    public const string RuntimeKeypadMode = "\u001b[?1h\u001b=";

    public static async Task<CliResult> RunAsync(IEnumerable<string> args, string configPath, string workingDirectory, IReadOnlyDictionary<string, string?> env)
    {
        var line = string.Join(' ', CliRunner.Launcher.Concat(args).Select(Quote));
        var psi = new ProcessStartInfo("script")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in new[] { "-q", "-f", "-e", "-c", line, "/dev/null" }) psi.ArgumentList.Add(arg);
        psi.Environment["HOME"] = CliRunner.HomeDirectory;
        psi.Environment["MODEL_SYNC_CONFIG"] = configPath;
        psi.Environment["TERM"] = "xterm";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment.Remove("NO_COLOR");
        foreach (var (key, value) in env)
        {
            if (value is null) psi.Environment.Remove(key);
            else psi.Environment[key] = value;
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        process.StandardInput.Close();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

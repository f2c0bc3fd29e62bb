using ModelSync.IntegrationTests.Fixtures;
using ModelSync.Text;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// A command line the CLI printed for the user (a fix, a next step), run through sh exactly as printed, with
/// <c>model-sync</c> on PATH meaning the CLI under test: proof that it runs as printed.
/// </summary>
public static class PrintedCommand
{
    /// <summary>The first <c>`…`</c> span of <paramref name="text"/> that starts with <paramref name="prefix"/>.</summary>
    public static string Extract(string text, string prefix)
    {
        var parts = text.Split('`');
        for (var i = 1; i < parts.Length; i += 2)
        {
            if (parts[i].StartsWith(prefix, StringComparison.Ordinal)) return parts[i];
        }

        Assert.Fail($"no `{prefix}…` command in: {text}");
        return "";
    }

    /// <summary>Runs <paramref name="commandLine"/> with <c>sh -c</c> in <paramref name="workingDirectory"/>, the CLI reading <paramref name="configPath"/>.</summary>
    public static async Task<CliResult> RunAsync(string commandLine, string configPath, string workingDirectory)
    {
        var bin = Path.Combine(workingDirectory, "printed-bin");
        Directory.CreateDirectory(bin);
        var wrapper = Path.Combine(bin, "model-sync");
        await File.WriteAllTextAsync(wrapper, "#!/bin/sh\nexec " + SingleQuoted.Line(CliRunner.Launcher) + " \"$@\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(wrapper, (UnixFileMode)Convert.ToInt32("755", 8));
        var (exitCode, stdout, stderr) = await TestProcess.RunAsync("env",
            [
                "-C", workingDirectory,
                $"PATH={bin}:{Environment.GetEnvironmentVariable("PATH")}",
                $"HOME={CliRunner.HomeDirectory}",
                $"MODEL_SYNC_CONFIG={configPath}",
                "NO_COLOR=1",
                "/bin/sh", "-c", commandLine,
            ], CliRunner.DefaultTimeout);
        return new CliResult(exitCode, stdout, stderr);
    }
}

using System.Globalization;
using System.Runtime.Versioning;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.Text;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// A real bash or zsh that has the script from <c>model-sync completion SHELL</c> loaded, with a <c>model-sync</c>
/// on its PATH that runs the built CLI (in the test HOME, with the given config), as an installed tool would.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class CompletionShell(string shell, string work, string configPath)
{
    /// <summary>Writes the completion script and the <c>model-sync</c> launcher into <paramref name="work"/>; returns the script's path.</summary>
    public async Task<string> InstallAsync()
    {
        var generated = await CliRunner.RunAsync(["completion", shell], configPath, workingDirectory: work);
        CliAssert.Exit(generated, 0);
        var script = Path.Combine(work, "completion." + shell);
        await File.WriteAllTextAsync(script, generated.Stdout);
        var bin = Path.Combine(work, "bin");
        Directory.CreateDirectory(bin);
        var launcher = Path.Combine(bin, "model-sync");
        await File.WriteAllTextAsync(launcher, $"#!/bin/sh\nexec {SingleQuoted.Line(CliRunner.Launcher)} \"$@\"\n");
        File.SetUnixFileMode(launcher, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>Runs <paramref name="commands"/> in the shell (no rc files) from <paramref name="work"/>; returns exit code, stdout, stderr.</summary>
    public Task<ProcessOutput> RunAsync(string commands) =>
        TestProcess.RunAsync(
            shell,
            shell == "zsh" ? ["-f", "-c", commands] : ["--norc", "--noprofile", "-c", commands],
            TimeSpan.FromSeconds(90),
            work,
            new Dictionary<string, string?>
            {
                ["PATH"] = Path.Combine(work, "bin") + ":" + Environment.GetEnvironmentVariable("PATH"),
                ["HOME"] = CliRunner.HomeDirectory,
                ["MODEL_SYNC_CONFIG"] = configPath,
                ["DOTNET_NOLOGO"] = "1",
            });

    /// <summary>Splits output made of <c>== label</c> lines followed by one reply per line.</summary>
    public static Dictionary<string, List<string>> Sections(string stdout)
    {
        var sections = new Dictionary<string, List<string>>();
        List<string>? current = null;
        foreach (var line in stdout.Split('\n'))
        {
            if (line.StartsWith("== ", StringComparison.Ordinal)) sections[line[3..]] = current = [];
            else if (line.Length > 0) current?.Add(line);
        }
        return sections;
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}

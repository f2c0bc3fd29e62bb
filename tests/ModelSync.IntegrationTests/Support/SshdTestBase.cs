using ModelSync.IntegrationTests.Fixtures;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// Common ground for tests against the fixture's sshd. xunit makes one instance per test, so every test
/// gets its own <see cref="Id"/>, working directory (the CLI's cwd, under the fixture's root) and config.
/// </summary>
public abstract class SshdTestBase
{
    protected SshdTestBase(SshdFixture sshd)
    {
        Sshd = sshd;
        Id = Guid.NewGuid().ToString("N")[..8];
        Work = Path.Combine(sshd.Root, "work-" + Id);
        Directory.CreateDirectory(Work);
        ConfigPath = sshd.WriteConfig();
    }

    protected SshdFixture Sshd { get; }

    /// <summary>Unique per test: use it in every name created on the server.</summary>
    protected string Id { get; }

    /// <summary>The CLI's working directory for this test; source trees and pulled copies live here.</summary>
    protected string Work { get; }

    /// <summary>The fixture's standard config (alpha, beta, local).</summary>
    protected string ConfigPath { get; }

    /// <summary>A fresh tree builder at <c>Work/relative</c>.</summary>
    protected TreeBuilder Tree(string relative) => new(Path.Combine(Work, relative));

    /// <summary>Runs the CLI with the standard config, in <see cref="Work"/>.</summary>
    protected Task<CliResult> Cli(params string[] args) => CliRunner.RunAsync(args, ConfigPath, workingDirectory: Work);

    /// <summary>Runs the CLI with another config, in <see cref="Work"/>.</summary>
    protected Task<CliResult> CliWith(string configPath, params string[] args) => CliRunner.RunAsync(args, configPath, workingDirectory: Work);

    /// <summary>Runs the CLI and fails unless it exits 0.</summary>
    protected async Task<CliResult> CliOk(params string[] args)
    {
        var result = await Cli(args);
        CliAssert.Exit(result, 0);
        return result;
    }

    /// <summary>
    /// A directory of symlinks to every command on the server's PATH except rsync: put it first on the remote
    /// PATH to make rsync missing there without touching the system.
    /// </summary>
    protected Task<string> PathWithoutRsyncAsync() => PathWithoutAsync("rsync");

    /// <summary>As <see cref="PathWithoutRsyncAsync"/>, leaving out <paramref name="tools"/> (e.g. xxhsum, b3sum).</summary>
    protected async Task<string> PathWithoutAsync(params string[] tools)
    {
        var (exitCode, stdout, stderr) = await Sshd.SshAsync("printf '%s' \"$PATH\"");
        Assert.True(exitCode == 0, stderr);
        return FarmWithout(stdout, "bin-without-", tools);
    }

    /// <summary>As <see cref="PathWithoutAsync"/>, from this machine's PATH: a PATH value for a CLI run here that lacks <paramref name="tools"/>.</summary>
    protected string LocalPathWithout(params string[] tools) =>
        FarmWithout(Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin", "local-bin-without-", tools);

    private string FarmWithout(string path, string prefix, string[] tools)
    {
        var farm = Path.Combine(Work, prefix + string.Join('-', tools));
        Directory.CreateDirectory(farm);
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Where(Directory.Exists))
        {
            foreach (var tool in Directory.EnumerateFileSystemEntries(dir))
            {
                var name = Path.GetFileName(tool);
                var link = Path.Combine(farm, name);
                if (tools.Contains(name) || File.Exists(link) || Directory.Exists(link) || new FileInfo(link).LinkTarget is not null) continue;
                File.CreateSymbolicLink(link, tool);
            }
        }

        return farm;
    }
}

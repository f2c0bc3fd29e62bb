using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;
using ModelSync.Text;

namespace ModelSync.IntegrationTests.Invocation;

/// <summary>
/// The commands model-sync prints name it as the user ran it: scripts/model-sync.sh by the path typed, and the
/// <c>model-sync</c> that scripts/install.sh puts on PATH by that bare name. Both run through the wrapper's build
/// cache — the one <c>MODEL_SYNC_TEST_BINARY</c> came from when scripts/test.sh set it, so nothing is rebuilt.
/// </summary>
[Collection("sshd")]
public sealed class WrapperCommandsTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(10);

    private string Model => "wrapped-" + Id;

    private static string Wrapper => RepoFiles.PathOf("scripts/model-sync.sh");

    [Fact]
    public async Task WrapperPrintsItsPathAsTypedAndTheCommandRunsAsPrinted()
    {
        Tree(Model).File("a.txt", "aaaa\n");
        var typed = Path.GetRelativePath(Work, Wrapper);

        var diff = await ShOkAsync($"{ShellWords.Quote(typed)} diff ./{Model} alpha", SystemPath);

        CliAssert.StdoutContains(diff, $"To sync: `{ShellWords.Quote(typed)} push ./{Model} alpha`");
        await ShOkAsync(PrintedCommand.Extract(diff.Stdout, typed + " push"), SystemPath);
        Assert.Equal("aaaa\n", File.ReadAllText(Path.Combine(Sshd.BaseA, Model, "a.txt")));
    }

    [Fact]
    public async Task InstalledOnPathItsCommandsSayModelSync()
    {
        Tree(Model).File("a.txt", "aaaa\n");
        var prefix = Path.Combine(Work, "prefix bin");
        var path = prefix + ":" + SystemPath;

        var install = await ShOkAsync($"PREFIX={ShellWords.Quote(prefix)} {ShellWords.Quote(RepoFiles.PathOf("scripts/install.sh"))}", path);

        CliAssert.StdoutContains(install, $"installed: {prefix}/model-sync -> {Wrapper}", $"{prefix} is on PATH");
        Assert.Equal(Wrapper, new FileInfo(Path.Combine(prefix, "model-sync")).LinkTarget);
        var diff = await ShOkAsync($"model-sync diff ./{Model} alpha", path);
        CliAssert.StdoutContains(diff, $"To sync: `model-sync push ./{Model} alpha`");
        await ShOkAsync(PrintedCommand.Extract(diff.Stdout, "model-sync push"), path);
        Assert.Equal("aaaa\n", File.ReadAllText(Path.Combine(Sshd.BaseA, Model, "a.txt")));
    }

    [Fact]
    public async Task InstallNeverOverwritesAFileThatIsNotItsLink()
    {
        var prefix = Path.Combine(Work, "prefix");
        Directory.CreateDirectory(prefix);
        File.WriteAllText(Path.Combine(prefix, "model-sync"), "someone else's\n");

        var install = await ShAsync($"PREFIX={ShellWords.Quote(prefix)} {ShellWords.Quote(RepoFiles.PathOf("scripts/install.sh"))}", SystemPath);

        Assert.Equal(2, install.ExitCode);
        Assert.Contains("exists and is not a link", install.Stderr, StringComparison.Ordinal);
        Assert.Equal("someone else's\n", File.ReadAllText(Path.Combine(prefix, "model-sync")));
    }

    private static string SystemPath => Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";

    /// <summary>
    /// The wrapper's build cache: the one MODEL_SYNC_TEST_BINARY was built into (its directory is the 16-hex-digit key
    /// of a wrapper build), else the user's, as the wrapper would pick it.
    /// </summary>
    private static string BuildCache()
    {
        var binary = Environment.GetEnvironmentVariable("MODEL_SYNC_TEST_BINARY");
        var keyDir = string.IsNullOrEmpty(binary) ? null : Path.GetDirectoryName(Path.GetFullPath(binary));
        if (keyDir is not null && Path.GetFileName(keyDir) is { Length: 16 } key && key.All(char.IsAsciiHexDigitLower))
            return Path.GetDirectoryName(keyDir)!;
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var cacheHome = string.IsNullOrEmpty(xdg) ? Path.Join(Environment.GetEnvironmentVariable("HOME"), ".cache") : xdg;
        return Path.Join(cacheHome, "model-sync", "build");
    }

    private async Task<CliResult> ShOkAsync(string commandLine, string path)
    {
        var result = await ShAsync(commandLine, path);
        Assert.True(result.ExitCode == 0, $"{commandLine}\n{result}");
        return result;
    }

    /// <summary>Runs <paramref name="commandLine"/> as a user's shell would, in <see cref="SshdTestBase.Work"/>, HOME the tests' own.</summary>
    private async Task<CliResult> ShAsync(string commandLine, string path)
    {
        var (exitCode, stdout, stderr) = await TestProcess.RunAsync("/bin/sh", ["-c", commandLine], BuildTimeout, Work,
            new Dictionary<string, string?>
            {
                ["PATH"] = path,
                ["HOME"] = CliRunner.HomeDirectory,
                ["MODEL_SYNC_CONFIG"] = ConfigPath,
                ["MODEL_SYNC_BUILD_DIR"] = BuildCache(),
                ["MODEL_SYNC_INVOKED_AS"] = null,
                ["XDG_CACHE_HOME"] = null,
                ["SSH_AUTH_SOCK"] = null,
                ["NO_COLOR"] = "1",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            });
        return new CliResult(exitCode, stdout, stderr);
    }
}

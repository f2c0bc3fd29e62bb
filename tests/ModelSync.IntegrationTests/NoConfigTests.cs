using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>Without any config file, the built-in <c>local</c> alias is $HOME/workspace/models.</summary>
public sealed class NoConfigTests : IDisposable
{
    private readonly TempDirectory _home = new("ms-it-home");
    private readonly TempDirectory _work = new("ms-it-work");

    public void Dispose()
    {
        _home.Dispose();
        _work.Dispose();
    }

    private Task<CliResult> Cli(params string[] args) =>
        CliRunner.RunAsync(args, configPath: null, env: new Dictionary<string, string> { ["HOME"] = _home.Path }, workingDirectory: _work.Path);

    [Fact]
    public async Task PushToLocalLandsInHomeWorkspaceModels()
    {
        var source = new TreeBuilder(Path.Combine(_work.Path, "my model"))
            .RandomFile("weights.bin", 50_000, seed: 5)
            .EmptyFile("empty")
            .Dir("empty dir")
            .Symlink("link", "weights.bin")
            .Root;

        var result = await Cli("push", source, "local");

        CliAssert.Exit(result, 0);
        var expected = Path.Combine(_home.Path, "workspace", "models", "my model");
        CliAssert.StdoutContains(result, $"Target: local:{expected}\n", "| Verified | yes (2 files", "Sync complete");
        TreeComparer.AssertSameTree(source, expected);

        var servers = await Cli("servers");
        CliAssert.Exit(servers, 0);
        CliAssert.StdoutContains(servers, "Config: none found (built-in local alias only)");
        Assert.Equal(["local", "(this machine)", "—", Path.Combine(_home.Path, "workspace", "models")], CliAssert.Row(servers, "local"));
    }
}

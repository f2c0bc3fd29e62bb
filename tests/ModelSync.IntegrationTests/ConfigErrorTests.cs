using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// Usage and config errors, caught before any connection: exit code 2 and one clear line. Needs no sshd
/// (the aliases point at a port nothing listens on), so it runs in parallel with the sshd collection.
/// </summary>
public sealed class ConfigErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new("ms-it-cfg");
    private readonly string _config;

    public ConfigErrorTests()
    {
        _config = TestConfig.Write(_temp.Path,
            new AliasSpec("alpha", "/srv/models") { Host = "127.0.0.1", Port = ClosedPort.Get(), User = "nobody" },
            new AliasSpec("gpu-box", "/srv/models") { Host = "127.0.0.1", Port = ClosedPort.Get() });
        new TreeBuilder(Path.Combine(_temp.Path, "m")).File("w.bin", "w");
    }

    public void Dispose() => _temp.Dispose();

    private Task<CliResult> Cli(params string[] args) => CliRunner.RunAsync(args, _config, workingDirectory: _temp.Path);

    [Fact]
    public async Task UnknownAliasSuggestsTheClosestOne()
    {
        var result = await Cli("push", "./m", "alpah");

        CliAssert.Error(result, 2, "unknown server 'alpah'", "did you mean 'alpha'?", _config);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task UnknownAliasWithJsonPrintsTheErrorDocument()
    {
        var result = await Cli("--json", "list", "alpah");

        CliAssert.JsonError(result, 2, "unknown server 'alpah'", "did you mean 'alpha'?");
        CliAssert.Error(result, 2, "unknown server 'alpah'");
    }

    [Fact]
    public async Task MissingConfigFileIsAUsageError()
    {
        var result = await CliRunner.RunAsync(["--config", "/nonexistent/model-sync.yaml", "servers"], workingDirectory: _temp.Path);

        CliAssert.Error(result, 2, "config file not found", "/nonexistent/model-sync.yaml");
    }

    [Fact]
    public async Task MissingConfigFromEnvironmentIsAUsageError()
    {
        var result = await CliRunner.RunAsync(["servers"], Path.Combine(_temp.Path, "nope.yaml"), workingDirectory: _temp.Path);

        CliAssert.Error(result, 2, "config file not found", "nope.yaml", "MODEL_SYNC_CONFIG");
    }

    [Fact]
    public async Task MalformedYamlNamesFileAndLine()
    {
        var path = Path.Combine(_temp.Path, "broken.yaml");
        File.WriteAllText(path, "servers:\n  alpha:\n    host: 127.0.0.1\n   model_base: [unclosed\n");

        var result = await CliRunner.RunAsync(["--config", path, "servers"], workingDirectory: _temp.Path);

        CliAssert.Error(result, 2, $"{path}:4:", "malformed YAML");
    }

    [Fact]
    public async Task MisspeltKeyNamesLineAndSuggestsTheRightOne()
    {
        var path = Path.Combine(_temp.Path, "typo.yaml");
        File.WriteAllText(path, "servers:\n  alpha:\n    host: 127.0.0.1\n    modle_base: /srv/models\n");

        var result = await CliRunner.RunAsync(["--config", path, "servers"], workingDirectory: _temp.Path);

        CliAssert.Error(result, 2, $"{path}:4:", "modle_base", "did you mean 'model_base'?");
    }

    [Fact]
    public async Task MissingLocalPathIsAUsageError()
    {
        var result = await Cli("push", "./no-such-model", "alpha");

        CliAssert.Error(result, 2, "local path not found: ./no-such-model");
    }

    [Fact]
    public async Task PullWithoutAModelNameIsAUsageError()
    {
        var result = await Cli("pull", "alpha", "./");

        CliAssert.Error(result, 2, "'alpha' names no model", "alpha:");
    }

    [Fact]
    public async Task MissingArgumentsAreAUsageError()
    {
        var result = await Cli("push");

        CliAssert.Error(result, 2, "model-sync push --help");
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("NaN")]
    public async Task ALockTimeoutNoDurationCanHoldIsAUsageErrorNotACrash(string seconds)
    {
        var result = await Cli("push", "./m", "alpha", "--lock-timeout", seconds, "--json");

        CliAssert.JsonError(result, 2, "--lock-timeout", "seconds");
        CliAssert.Error(result, 2, "--lock-timeout");
    }
}

using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Config;

[Collection(HomeEnvironment.Name)]
public sealed class ConfigLoaderLoadTests : IDisposable
{
    private readonly TemporaryHome _home = new();

    public void Dispose() => _home.Dispose();

    private string Write(string name, string yaml)
    {
        var path = Path.Join(_home.Path, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    [Fact]
    public void NoConfigFileAnywhereGivesTheBuiltInLocalAlias()
    {
        var config = ConfigLoader.Load(null, null);

        Assert.Null(config.Source);
        var local = Assert.Single(config.Servers).Value;
        Assert.Equal("local", local.Name);
        Assert.True(local.IsLocal);
        Assert.Equal(Path.Join(_home.Path, "workspace", "models"), local.ModelBase);
        Assert.Equal(new Defaults(), config.Defaults);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    public void DefaultFileInHomeIsRead(string? explicitPath, string? environmentPath)
    {
        var path = Write(".model-sync.yaml", Yaml.IssueExample);

        var config = ConfigLoader.Load(explicitPath, environmentPath);

        Assert.Equal(path, config.Source);
        Assert.Equal("reaper.internal", config.Alias("reaper").Host);
    }

    [Theory]
    [InlineData("/nonexistent/dir/model-sync.yaml", null, "--config")]
    [InlineData("/nonexistent/dir/model-sync.yaml", "/also/missing.yaml", "--config")]
    [InlineData(null, "/nonexistent/dir/env.yaml", "$MODEL_SYNC_CONFIG")]
    public void NamedButMissingFileIsAUsageError(string? explicitPath, string? environmentPath, string origin)
    {
        Write(".model-sync.yaml", Yaml.IssueExample); // must not be used as a fallback

        var error = Assert.Throws<ModelSyncException>(() => ConfigLoader.Load(explicitPath, environmentPath));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("config file not found: " + (explicitPath ?? environmentPath), error.Message, StringComparison.Ordinal);
        Assert.Contains(origin, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplicitPathWinsOverEnvironmentAndDefault()
    {
        Write(".model-sync.yaml", Yaml.Lines("servers:", "  a:", "    host: from-default", "    model_base: /m"));
        var environment = Write("env.yaml", Yaml.Lines("servers:", "  a:", "    host: from-env", "    model_base: /m"));
        var explicitPath = Write("explicit.yaml", Yaml.Lines("servers:", "  a:", "    host: from-flag", "    model_base: /m"));

        Assert.Equal("from-flag", ConfigLoader.Load(explicitPath, environment).Alias("a").Host);
        Assert.Equal("from-env", ConfigLoader.Load(null, environment).Alias("a").Host);
        Assert.Equal("from-default", ConfigLoader.Load(null, null).Alias("a").Host);
    }

    [Fact]
    public void ExplicitPathExpandsTilde()
    {
        var path = Write("mine.yaml", Yaml.IssueExample);

        var config = ConfigLoader.Load("~/mine.yaml", null);

        Assert.Equal(path, config.Source);
    }

    [Fact]
    public void ErrorsInALoadedFileNameThatFile()
    {
        var path = Write("bad.yaml", Yaml.Lines("servers:", "  reaper:", "    hots: r"));

        var error = Assert.Throws<ModelSyncException>(() => ConfigLoader.Load(path, null));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.StartsWith($"config {path}:3:5: ", error.Message, StringComparison.Ordinal);
    }
}

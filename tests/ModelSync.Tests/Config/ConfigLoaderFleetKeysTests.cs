using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Config;

/// <summary>The server keys of copy and shared mounts: local_path, forward_agent, direct.</summary>
[Collection(HomeEnvironment.Name)]
public sealed class ConfigLoaderFleetKeysTests : IDisposable
{
    private readonly TemporaryHome _home = new();

    public void Dispose() => _home.Dispose();

    private static ServerAlias Reaper(params string[] extra) =>
        ConfigLoader.Parse(Yaml.Lines(["servers:", "  reaper:", "    host: reaper.internal", "    model_base: /models", .. extra]), Yaml.Source).Servers["reaper"];

    [Fact]
    public void WithoutTheKeysNothingChanges()
    {
        var reaper = Reaper();
        Assert.Null(reaper.LocalPath);
        Assert.False(reaper.ForwardAgent);
        Assert.Null(reaper.Direct);
    }

    [Fact]
    public void LocalPathIsAutoOrAnAbsolutePathWithHomeExpanded()
    {
        Assert.Equal("auto", Reaper("    local_path: auto").LocalPath);
        Assert.Equal("/mnt/train/models", Reaper("    local_path: /mnt/train/models/").LocalPath);
        Assert.Equal(Path.Join(_home.Path, "mnt/models"), Reaper("    local_path: ~/mnt/models").LocalPath);
    }

    [Fact]
    public void ForwardAgentAndDirectAreRead()
    {
        var reaper = Reaper("    forward_agent: yes", "    direct:", "      host: 10.0.0.12", "      port: 2222", "      user: june",
            "      ssh_options:", "        StrictHostKeyChecking: accept-new");

        Assert.True(reaper.ForwardAgent);
        Assert.Equal(new DirectReach("10.0.0.12", 2222, "june", reaper.Direct!.SshOptions), reaper.Direct);
        Assert.Equal([new KeyValuePair<string, string>("StrictHostKeyChecking", "accept-new")], reaper.Direct.SshOptions);
    }

    [Theory]
    [InlineData("    local_path: mnt/models", "cfg.yaml:5:17", "local_path 'mnt/models' is not an absolute path")]
    [InlineData("    forward_agent: maybe", "cfg.yaml:5:20", "forward_agent: 'maybe' is not true or false")]
    [InlineData("    direct:\n      hots: x", "cfg.yaml:6:7", "unknown key 'hots' in direct of server 'reaper' — did you mean 'host'?")]
    [InlineData("    direct:\n      port: 0", "cfg.yaml:6:13", "port '0' is not a number from 1 to 65535")]
    public void BadValuesNameTheLine(string extra, string where, string message)
    {
        var error = Assert.Throws<ModelSyncException>(() => Reaper(extra));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(where, error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ALocalAliasMayNotHaveALocalPath()
    {
        var error = Assert.Throws<ModelSyncException>(() =>
            ConfigLoader.Parse(Yaml.Lines("servers:", "  box:", "    model_base: /models", "    local_path: /mnt/models"), Yaml.Source));
        Assert.Contains("server 'box' has ssh settings but no host", error.Message, StringComparison.Ordinal);
    }
}

using ModelSync.Config;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Config;

[Collection(HomeEnvironment.Name)]
public sealed class ConfigLoaderParseTests : IDisposable
{
    private readonly TemporaryHome _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void IssueExampleParsesEveryServerKey()
    {
        var config = ConfigLoader.Parse(Yaml.IssueExample, Yaml.Source);

        var reaper = config.Servers["reaper"];
        Assert.Equal("reaper", reaper.Name);
        Assert.Equal("reaper.internal", reaper.Host);
        Assert.Equal("june", reaper.User);
        Assert.Equal(22, reaper.Port);
        Assert.Equal("/nfs/train/langdetector/models", reaper.ModelBase);
        Assert.Equal(Path.Join(_home.Path, ".ssh/id_rsa"), reaper.SshKey);
        Assert.Equal([new KeyValuePair<string, string>("StrictHostKeyChecking", "accept-new")], reaper.SshOptions);
        Assert.False(reaper.IsLocal);
        Assert.Equal("june@reaper.internal:22", reaper.Display);
    }

    [Fact]
    public void IssueExampleParsesLocalDefaultsAndNaming()
    {
        var config = ConfigLoader.Parse(Yaml.IssueExample, Yaml.Source);

        Assert.Equal(["reaper", "local"], config.Servers.Keys);
        var local = config.Servers["local"];
        Assert.True(local.IsLocal);
        Assert.Equal(Path.Join(_home.Path, "workspace/models"), local.ModelBase);
        Assert.Equal(new Defaults(Verify: true, Compress: true, Delete: false), config.Defaults);
        Assert.Equal("{GPU}_{DATE}_{MODEL}_{VERSION}", config.Naming.Pattern.Template);
        Assert.Equal(Yaml.Source, config.Source);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# nothing but a comment")]
    [InlineData("servers:")]
    [InlineData("servers:\ndefaults:\nnaming:")]
    public void EmptyConfigHasOnlyTheBuiltInLocalAliasAndDefaults(string yaml)
    {
        var config = ConfigLoader.Parse(yaml, Yaml.Source);

        var local = Assert.Single(config.Servers).Value;
        Assert.Equal("local", local.Name);
        Assert.Equal(Path.Join(_home.Path, "workspace/models"), local.ModelBase);
        Assert.Equal(new Defaults(Verify: true, Compress: false, Delete: false), config.Defaults);
        Assert.Equal(NamingConvention.Default, config.Naming);
    }

    [Fact]
    public void BuiltInLocalAliasIsAddedBesideConfiguredServers()
    {
        var config = ConfigLoader.Parse(Yaml.Lines("servers:", "  reaper:", "    host: r", "    model_base: /m"), Yaml.Source);

        Assert.Equal(Path.Join(_home.Path, "workspace/models"), config.Alias("local").ModelBase);
        Assert.Null(config.Alias("local").Host);
    }

    [Theory]
    [InlineData("/srv/models", "/srv/models")]
    [InlineData("/srv/models/", "/srv/models")]
    [InlineData("~/elsewhere", "{HOME}/elsewhere")]
    [InlineData("~", "{HOME}")]
    public void LocalAliasCanBeOverridden(string modelBase, string expected)
    {
        var config = ConfigLoader.Parse(Yaml.Lines("servers:", "  local:", $"    model_base: {modelBase}"), Yaml.Source);

        Assert.Equal(expected.Replace("{HOME}", _home.Path, StringComparison.Ordinal), config.Alias("local").ModelBase);
    }

    [Theory]
    [InlineData("~/models", "~/models")]
    [InlineData("~", "~")]
    [InlineData("/data/models", "/data/models")]
    [InlineData("/data/models/", "/data/models")]
    [InlineData("/", "/")]
    public void RemoteModelBaseKeepsTildeForTheServerToResolve(string modelBase, string expected)
    {
        var config = ConfigLoader.Parse(Yaml.Lines("servers:", "  gpu:", "    host: gpu1", $"    model_base: {modelBase}"), Yaml.Source);

        Assert.Equal(expected, config.Alias("gpu").ModelBase);
    }

    [Theory]
    [InlineData("~/.ssh/id_ed25519", "{HOME}/.ssh/id_ed25519")]
    [InlineData("/etc/keys/k", "/etc/keys/k")]
    public void SshKeyExpandsTildeAgainstThisMachinesHome(string key, string expected)
    {
        var config = ConfigLoader.Parse(Yaml.Lines("servers:", "  gpu:", "    host: gpu1", "    model_base: /m", $"    ssh_key: {key}"), Yaml.Source);

        Assert.Equal(expected.Replace("{HOME}", _home.Path, StringComparison.Ordinal), config.Alias("gpu").SshKey);
    }

    [Fact]
    public void SshOptionsKeepTheirOrder()
    {
        var config = ConfigLoader.Parse(Yaml.Lines(
            "servers:", "  gpu:", "    host: gpu1", "    model_base: /m", "    ssh_options:",
            "      StrictHostKeyChecking: accept-new", "      ProxyJump: bastion", "      Compression: 'yes'"), Yaml.Source);

        Assert.Equal(
            [new("StrictHostKeyChecking", "accept-new"), new("ProxyJump", "bastion"), new KeyValuePair<string, string>("Compression", "yes")],
            config.Alias("gpu").SshOptions);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("True", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("FALSE", false)]
    public void DefaultsAcceptYamlBooleans(string text, bool expected)
    {
        var config = ConfigLoader.Parse(Yaml.Lines("defaults:", $"  verify: {text}", $"  compress: {text}", $"  delete: {text}"), Yaml.Source);

        Assert.Equal(new Defaults(expected, expected, expected), config.Defaults);
    }

    [Fact]
    public void UnsetDefaultsKeepTheirBuiltInValue()
    {
        var config = ConfigLoader.Parse(Yaml.Lines("defaults:", "  delete: true"), Yaml.Source);

        Assert.Equal(new Defaults(Verify: true, Compress: false, Delete: true), config.Defaults);
    }

    [Theory]
    [InlineData("65535", 65535)]
    [InlineData("1", 1)]
    [InlineData("'2222'", 2222)]
    public void PortAcceptsNumbersFromOneTo65535(string text, int expected)
    {
        var config = ConfigLoader.Parse(Yaml.Lines("servers:", "  gpu:", "    host: gpu1", $"    port: {text}", "    model_base: /m"), Yaml.Source);

        Assert.Equal(expected, config.Alias("gpu").Port);
    }

    [Theory]
    [InlineData("reaper.internal")]
    [InlineData("10.0.0.7")]
    [InlineData("'::1'")]
    [InlineData("my-ssh-config-alias")]
    public void HostAcceptsNamesAddressesAndSshConfigAliases(string host)
    {
        var config = ConfigLoader.Parse(Yaml.Lines("servers:", "  gpu:", $"    host: {host}", "    model_base: /m"), Yaml.Source);

        Assert.Equal(host.Trim('\''), config.Alias("gpu").Host);
    }
}

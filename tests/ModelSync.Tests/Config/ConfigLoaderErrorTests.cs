using System.Text.RegularExpressions;
using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Config;

[Collection(HomeEnvironment.Name)]
public sealed class ConfigLoaderErrorTests : IDisposable
{
    private readonly TemporaryHome _home = new();

    public void Dispose() => _home.Dispose();

    private static ModelSyncException ParseFails(string yaml)
    {
        var error = Assert.Throws<ModelSyncException>(() => ConfigLoader.Parse(yaml, Yaml.Source));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
        return error;
    }

    /// <summary>yaml, file:line:column of the misspelt key, the key as typed, the suggestion.</summary>
    public static TheoryData<string, string, string, string> MisspeltKeys => new()
    {
        { Yaml.Lines("defualts:", "  verify: true"), "cfg.yaml:1:1", "defualts", "defaults" },
        { Yaml.Lines("sever:"), "cfg.yaml:1:1", "sever", "servers" },
        { Yaml.Lines("servers:", "  reaper:", "    hots: r", "    model_base: /m"), "cfg.yaml:3:5", "hots", "host" },
        { Yaml.Lines("servers:", "  reaper:", "    host: r", "    model_bas: /m"), "cfg.yaml:4:5", "model_bas", "model_base" },
        { Yaml.Lines("servers:", "  reaper:", "    host: r", "    model_base: /m", "    prot: 22"), "cfg.yaml:5:5", "prot", "port" },
        { Yaml.Lines("servers:", "  reaper:", "    host: r", "    model_base: /m", "    ssh_keys: ~/k"), "cfg.yaml:5:5", "ssh_keys", "ssh_key" },
        { Yaml.Lines("defaults:", "  verfy: true"), "cfg.yaml:2:3", "verfy", "verify" },
        { Yaml.Lines("naming:", "  patern: x"), "cfg.yaml:2:3", "patern", "pattern" },
    };

    [Theory]
    [MemberData(nameof(MisspeltKeys))]
    public void MisspeltKeyNamesLocationKeyAndClosestValidKey(string yaml, string location, string typed, string suggestion)
    {
        var error = ParseFails(yaml);

        Assert.Contains(location, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{typed}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"did you mean '{suggestion}'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeyFarFromAnyValidKeyHasNoSuggestion()
    {
        var error = ParseFails(Yaml.Lines("completely_unrelated: 1"));

        Assert.Contains("'completely_unrelated'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
        Assert.Contains("servers, defaults, naming", error.Fix, StringComparison.Ordinal);
    }

    /// <summary>yaml, file:line:column of the bad value, fragments the message must hold (the key among them).</summary>
    public static TheoryData<string, string, string[]> BadValues => new()
    {
        { Yaml.Lines("servers:", "  reaper:", "    host: r", "    port: 0", "    model_base: /m"), "cfg.yaml:4:11", ["port '0'", "reaper"] },
        { Yaml.Lines("servers:", "  reaper:", "    host: r", "    port: 70000", "    model_base: /m"), "cfg.yaml:4:11", ["port '70000'"] },
        { Yaml.Lines("servers:", "  reaper:", "    host: r", "    port: abc", "    model_base: /m"), "cfg.yaml:4:11", ["port 'abc'"] },
        { Yaml.Lines("servers:", "  reaper:", "    host: r", "    port: -22", "    model_base: /m"), "cfg.yaml:4:11", ["port '-22'"] },
        { Yaml.Lines("servers:", "  reaper:", "    host: -oProxyCommand=touch", "    model_base: /m"), "cfg.yaml:3:11", ["host '-oProxyCommand=touch'"] },
        { Yaml.Lines("servers:", "  reaper:", "    host: 'two words'", "    model_base: /m"), "cfg.yaml:3:11", ["host 'two words'"] },
        { Yaml.Lines("servers:", "  reaper:", "    host: r", "    user: -l", "    model_base: /m"), "cfg.yaml:4:11", ["user '-l'"] },
        { Yaml.Lines("servers:", "  reaper:", "    host: r", "    user: june@r", "    model_base: /m"), "cfg.yaml:4:11", ["user 'june@r'"] },
        { Yaml.Lines("defaults:", "  verify: maybe"), "cfg.yaml:2:11", ["verify", "'maybe'"] },
        { Yaml.Lines("defaults:", "  compress: 1"), "cfg.yaml:2:13", ["compress", "'1'"] },
        { Yaml.Lines("defaults:", "  delete: [true]"), "cfg.yaml:2:11", ["delete"] },
        { Yaml.Lines("servers:", "  reaper: just-a-string"), "cfg.yaml:2:11", ["server 'reaper'", "mapping"] },
        { Yaml.Lines("servers:", "  - reaper"), "cfg.yaml:2:3", ["servers", "mapping"] },
        { Yaml.Lines("servers:", "  'a:b':", "    model_base: /m"), "cfg.yaml:2:3", ["'a:b'"] },
        { Yaml.Lines("servers:", "  r:", "    host: h", "    model_base: /m", "    ssh_options:", "      'Bad Key': x"), "cfg.yaml:6:7", ["'Bad Key'", "ssh option"] },
        { Yaml.Lines("servers:", "  r:", "    host: h", "    model_base: /m", "    ssh_options: StrictHostKeyChecking=no"), "cfg.yaml:5:18", ["ssh_options"] },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void BadValueNamesLocationAndKey(string yaml, string location, string[] fragments)
    {
        var error = ParseFails(yaml);

        Assert.StartsWith($"config {location}: ", error.Message, StringComparison.Ordinal);
        foreach (var fragment in fragments) Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("servers:\n  reaper:\n    host: r\n")]
    [InlineData("servers:\n  reaper:\n    host: r\n    model_base: ''\n")]
    [InlineData("servers:\n  reaper:\n    host: r\n    model_base:\n")]
    public void MissingModelBaseIsRefused(string yaml)
    {
        var error = ParseFails(yaml);

        Assert.Matches(@"^config cfg\.yaml:3:5: ", error.Message);
        Assert.Contains("server 'reaper' has no model_base", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gpu1", "models")]
    [InlineData("gpu1", "./models")]
    [InlineData("gpu1", "~june/models")]
    [InlineData(null, "models")]
    [InlineData(null, "relative/dir")]
    public void RelativeModelBaseIsRefused(string? host, string modelBase)
    {
        var lines = new List<string> { "servers:", "  box:" };
        if (host is not null) lines.Add($"    host: {host}");
        lines.Add($"    model_base: {modelBase}");

        var error = ParseFails(Yaml.Lines([.. lines]));

        Assert.Matches(@"^config cfg\.yaml:\d+:\d+: ", error.Message);
        Assert.Contains($"model_base '{modelBase}' is not an absolute path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelativeModelBaseErrorPointsAtTheModelBaseValue()
    {
        var error = ParseFails(Yaml.Lines("servers:", "  box:", "    host: gpu1", "    user: june", "    model_base: models"));

        Assert.StartsWith("config cfg.yaml:5:17: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    user: june")]
    [InlineData("    port: 22")]
    [InlineData("    ssh_key: ~/.ssh/id_rsa")]
    [InlineData("    ssh_options:\n      ProxyJump: bastion")]
    public void AliasWithoutHostMayNotHaveSshSettings(string sshSetting)
    {
        var error = ParseFails(Yaml.Lines("servers:", "  nas:", "    model_base: /mnt/nas", sshSetting));

        Assert.Matches(@"^config cfg\.yaml:\d+:\d+: ", error.Message);
        Assert.Contains("server 'nas' has ssh settings but no host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltInLocalNameGetsTheSameCheckWhenGivenSshSettings()
    {
        var error = ParseFails(Yaml.Lines("servers:", "  local:", "    model_base: /m", "    user: june"));

        Assert.Contains("server 'local' has ssh settings but no host", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("servers:\n  reaper:\n    host: a\n    model_base: /m\n  reaper:\n    host: b\n    model_base: /m\n", "cfg.yaml:5:3")]
    [InlineData("servers:\n  reaper:\n    host: a\n    host: b\n    model_base: /m\n", "cfg.yaml:4:5")]
    public void DuplicateKeyIsAUsageErrorAtTheSecondKey(string yaml, string location)
    {
        var error = ParseFails(yaml);

        Assert.StartsWith($"config {location}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("    user: ''")]
    [InlineData("    user:")]
    public void EmptyUserIsRefusedLikeAnEmptyHost(string userLine)
    {
        var error = ParseFails(Yaml.Lines("servers:", "  reaper:", "    host: r", userLine, "    model_base: /m"));

        Assert.Contains("user", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("servers:\n  reaper: [unclosed\n")]
    [InlineData("servers:\n\treaper:\n\t\thost: r\n")]
    [InlineData("servers: {reaper: {host: r}\n")]
    [InlineData("a: b: c\n")]
    [InlineData("servers:\n  reaper:\n    host: r\n   model_base: /m\n")]
    public void MalformedYamlIsAUsageErrorWithLocation(string yaml)
    {
        var error = ParseFails(yaml);

        Assert.Matches(new Regex(@"^config cfg\.yaml:\d+:\d+: malformed YAML: \S"), error.Message);
    }
}

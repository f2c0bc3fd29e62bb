using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Config;

[Collection(HomeEnvironment.Name)]
public sealed class ConfigLoaderGroupsTests : IDisposable
{
    private readonly TemporaryHome _home = new();

    public void Dispose() => _home.Dispose();

    private static readonly string[] Servers =
    [
        "servers:",
        "  reaper: { host: r, model_base: /m }",
        "  doomfist: { host: d, model_base: /m }",
        "  tracer: { host: t, model_base: /m }",
    ];

    private static ModelSyncException ParseFails(params string[] lines)
    {
        var error = Assert.Throws<ModelSyncException>(() => ConfigLoader.Parse(Yaml.Lines(lines), Yaml.Source));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
        return error;
    }

    [Fact]
    public void GroupsListTheirMembersInOrderWhereverServersAreDefined()
    {
        var config = ConfigLoader.Parse(Yaml.Lines(["groups:", "  gpu: [tracer, reaper]", "  serving:", "    - doomfist", .. Servers]), Yaml.Source);

        Assert.Equal(["tracer", "reaper"], config.Groups["gpu"]);
        Assert.Equal(["doomfist"], config.Groups["serving"]);
    }

    [Fact]
    public void NoGroupsKeyMeansNoGroups() => Assert.Empty(ConfigLoader.Parse(Yaml.Lines(Servers), Yaml.Source).Groups);

    [Fact]
    public void UnknownMemberNamesItsPlaceAndTheClosestAlias()
    {
        var error = ParseFails([.. Servers, "groups:", "  gpu: [reaper, doomfst]"]);

        Assert.Contains("cfg.yaml:6:17", error.Message, StringComparison.Ordinal);
        Assert.Contains("unknown server 'doomfst' in group 'gpu' — did you mean 'doomfist'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GroupNamedLikeAnAliasIsRefused()
    {
        var error = ParseFails([.. Servers, "groups:", "  reaper: [tracer]"]);

        Assert.Contains("cfg.yaml:6:3", error.Message, StringComparison.Ordinal);
        Assert.Contains("group 'reaper' has the name of a server", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("  gpu: []", "group 'gpu' has no servers")]
    [InlineData("  gpu: reaper", "group 'gpu' must be a list")]
    [InlineData("  gpu: [reaper, '@cpu']\n  cpu: [tracer]", "group 'gpu' lists the group 'cpu'")]
    [InlineData("  '@gpu': [reaper]", "group name '@gpu'")]
    [InlineData("  'g:1': [reaper]", "group name 'g:1'")]
    public void BadGroupsAreRefusedWithTheirPlace(string groupLine, string fragment)
    {
        var error = ParseFails([.. Servers, "groups:", groupLine]);

        Assert.Contains("cfg.yaml:6:", error.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }
}

using ModelSync.Config;
using ModelSync.Errors;

namespace ModelSync.Tests.Config;

public sealed class ModelSyncConfigAliasTests
{
    private static ServerAlias Remote(string name) => new(name, name + ".internal", null, null, "/models", null, []);

    private static ModelSyncConfig Config(string? source) => new(
        new Dictionary<string, ServerAlias>(StringComparer.Ordinal)
        {
            ["reaper"] = Remote("reaper"),
            ["doomfist"] = Remote("doomfist"),
            ["local"] = new("local", null, null, null, "/home/june/workspace/models", null, []),
        },
        new Defaults(),
        NamingConvention.Default,
        source);

    [Theory]
    [InlineData("reaper")]
    [InlineData("doomfist")]
    [InlineData("local")]
    public void KnownAliasIsReturned(string name) => Assert.Equal(name, Config("cfg.yaml").Alias(name).Name);

    [Theory]
    [InlineData("reapr", "unknown server 'reapr' — did you mean 'reaper'? (known: reaper, doomfist, local)")]
    [InlineData("Reaper", "unknown server 'Reaper' — did you mean 'reaper'? (known: reaper, doomfist, local)")]
    [InlineData("doomfsit", "unknown server 'doomfsit' — did you mean 'doomfist'? (known: reaper, doomfist, local)")]
    [InlineData("locl", "unknown server 'locl' — did you mean 'local'? (known: reaper, doomfist, local)")]
    [InlineData("zzzzzzzz", "unknown server 'zzzzzzzz' (known: reaper, doomfist, local)")]
    public void UnknownAliasSuggestsTheClosestAndListsTheKnown(string name, string message)
    {
        var error = Assert.Throws<ModelSyncException>(() => Config("cfg.yaml").Alias(name));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal(message, error.Message);
    }

    [Theory]
    [InlineData("/home/june/.model-sync.yaml", "add it under servers: in /home/june/.model-sync.yaml")]
    [InlineData(null, "add it under servers: in ~/.model-sync.yaml")]
    public void UnknownAliasFixNamesTheConfigFile(string? source, string fix)
    {
        var error = Assert.Throws<ModelSyncException>(() => Config(source).Alias("nope"));

        Assert.Equal(fix, error.Fix);
    }
}

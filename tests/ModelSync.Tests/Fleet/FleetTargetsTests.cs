using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Fleet;
using ModelSync.Paths;
using ModelSync.Tests.Config;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Fleet;

[Collection(HomeEnvironment.Name)]
public sealed class FleetTargetsTests : IDisposable
{
    private readonly TemporaryHome _home = new();
    private readonly ModelSyncConfig _config = ConfigLoader.Parse(Yaml.Lines(
        "servers:",
        "  reaper: { host: r, model_base: /m }",
        "  doomfist: { host: d, model_base: /m }",
        "  tracer: { host: t, model_base: /m }",
        "groups:",
        "  gpu: [reaper, doomfist]",
        "  serving: [doomfist, tracer]"), Yaml.Source);

    public void Dispose() => _home.Dispose();

    [Fact]
    public void GroupsExpandInOrderAndAServerInTwoGroupsCountsOnce()
    {
        var targets = FleetTargets.Expand(_config, ["@gpu", "@serving"], pathsAllowed: true);

        Assert.Equal([new RemoteSpec("reaper", null), new RemoteSpec("doomfist", null), new RemoteSpec("tracer", null)], targets);
    }

    [Fact]
    public void GroupPathAppliesToEveryMemberAndAliasesKeepTheirOwn()
    {
        var targets = FleetTargets.Expand(_config, ["@gpu:asr/v2", "tracer:other"], pathsAllowed: true);

        Assert.Equal(["reaper:asr/v2", "doomfist:asr/v2", "tracer:other"], targets.Select(t => t.ToString()));
    }

    [Fact]
    public void OneServerWithTwoPathsIsRefused()
    {
        var error = Assert.Throws<ModelSyncException>(() => FleetTargets.Expand(_config, ["@gpu:a", "reaper:b"], pathsAllowed: true));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("'reaper' is named twice, as reaper:a and reaper:b", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownGroupSuggestsTheClosest()
    {
        var error = Assert.Throws<ModelSyncException>(() => FleetTargets.Expand(_config, ["@gpus"], pathsAllowed: true));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("unknown group '@gpus' — did you mean '@gpu'? (known: @gpu, @serving)", error.Message, StringComparison.Ordinal);
        Assert.Contains("groups:", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAliasWrittenAsAGroupIsPointedOut()
    {
        var error = Assert.Throws<ModelSyncException>(() => FleetTargets.Expand(_config, ["@tracer"], pathsAllowed: true));

        Assert.Contains("'tracer' is a server: write it without '@'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownAliasAndPathsWhereNoneBelongAreRefused()
    {
        Assert.Contains("did you mean 'reaper'?", Assert.Throws<ModelSyncException>(() => FleetTargets.Expand(_config, ["reapr"], true)).Message, StringComparison.Ordinal);
        Assert.Contains("takes servers only", Assert.Throws<ModelSyncException>(() => FleetTargets.Expand(_config, ["reaper:x", "tracer"], false)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "reaper" }, false)]
    [InlineData(new[] { "reaper:x" }, false)]
    [InlineData(new[] { "reaper", "tracer" }, true)]
    [InlineData(new[] { "@gpu" }, true)]
    public void SeveralTargetsOrAGroupMakeTheMultiServerForm(string[] words, bool fleet) => Assert.Equal(fleet, FleetTargets.IsFleet(words));
}

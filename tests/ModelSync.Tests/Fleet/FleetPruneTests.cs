using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Versioning;

namespace ModelSync.Tests.Fleet;

/// <summary><c>prune</c> on several servers in memory: one question for every server's plan, and a failing server left to itself.</summary>
public sealed class FleetPruneTests : IAsyncDisposable
{
    private const string Old = "RTX3090_N2412_ASR_240101";
    private const string Newest = "RTX3090_N2501_ASR_250901";

    private readonly MemoryRemote _gpu = new MemoryRemote("gpu").File("/models/" + Old + "/w", "old").File("/models/" + Newest + "/w", "newest");
    private readonly MemoryRemote _cpu = new MemoryRemote("cpu").File("/models/" + Old + "/w", "old!").File("/models/" + Newest + "/w", "newest");
    private readonly MemoryRemote _bare = new MemoryRemote("bare").File("/models/RTX3090_N2501_TTS_250901/w", "other");
    private readonly MemoryRemote _broken = new("broken", "/missing");
    private readonly RemoteSession _session;
    private readonly List<IReadOnlyList<PruneResult>> _asked = [];

    public FleetPruneTests()
    {
        var remotes = new[] { _gpu, _cpu, _bare, _broken }.ToDictionary(r => r.Alias.Name, r => r, StringComparer.Ordinal);
        var config = new ModelSyncConfig(remotes.ToDictionary(p => p.Key, p => p.Value.Alias, StringComparer.Ordinal), new Defaults(), NamingConvention.Default, "cfg.yaml");
        _session = new RemoteSession(config, new ProcessRunner(), alias => remotes[alias.Name]);
    }

    private Task<IReadOnlyList<TargetOutcome<PruneResult>>> PruneAsync(bool consent, bool dryRun = false, params string[] servers) =>
        FleetPrune.RunAsync(_session, [.. servers.Select(s => new RemoteSpec(s, null))], "asr", new PruneOptions(1, false, dryRun, plans =>
        {
            _asked.Add(plans);
            return consent;
        }, "model-sync prune gpu cpu --model asr --keep 1", _ => { }), parallel: 2, CancellationToken.None);

    [Fact]
    public async Task EveryServersPlanIsAgreedToOnceThenEachIsPruned()
    {
        var outcomes = await PruneAsync(true, false, "gpu", "cpu", "bare");

        var asked = Assert.Single(_asked);
        Assert.Equal(["gpu", "cpu"], asked.Select(p => p.Server));
        Assert.All(outcomes, o => Assert.True(o.Ok));
        Assert.Equal([3L, 4L, 0L], outcomes.Select(o => o.Result!.FreedBytes));
        Assert.False(_gpu.Exists("/models/" + Old) || _cpu.Exists("/models/" + Old));
        Assert.True(_gpu.Exists("/models/" + Newest) && _cpu.Exists("/models/" + Newest));
        Assert.Empty(outcomes[2].Result!.Entries);
    }

    [Fact]
    public async Task NoConsentChangesNothingAnywhere()
    {
        var e = await Assert.ThrowsAsync<ModelSyncException>(() => PruneAsync(false, false, "gpu", "cpu"));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("2 versions of ASR from 2 servers; nothing was changed", e.Message, StringComparison.Ordinal);
        Assert.Empty(_gpu.Changes);
        Assert.Empty(_cpu.Changes);
    }

    [Fact]
    public async Task AServerThatFailsIsItsOwnFailureAndTheOthersArePruned()
    {
        var outcomes = await PruneAsync(true, false, "broken", "gpu");

        Assert.Contains("model_base /missing does not exist", outcomes[0].Failure!.Message, StringComparison.Ordinal);
        Assert.Equal([Old], outcomes[1].Result!.Entries.Where(e => e.Fate == PruneFate.Removed).Select(e => e.Version.Name));
        Assert.Equal(ExitCodes.Failed, FleetRunner.ExitCode(outcomes.Select(o => o.Failure)));
    }

    [Fact]
    public async Task ADryRunAsksNothingAndChangesNothing()
    {
        var outcomes = await PruneAsync(true, true, "gpu", "cpu");

        Assert.Empty(_asked);
        Assert.Equal(7, outcomes.Sum(o => o.Result!.FreedBytes));
        Assert.Empty(_gpu.Changes);
    }

    [Fact]
    public async Task AModelNoServerHoldsIsAUsageError()
    {
        var e = await Assert.ThrowsAsync<ModelSyncException>(() => PruneAsync(true, false, "bare"));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("no version of model 'asr' on any of bare", e.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _session.DisposeAsync();
}

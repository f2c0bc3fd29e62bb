using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Versioning;

namespace ModelSync.Tests.Operations;

/// <summary><c>prune</c> with a server in memory: which versions go, which stay, and which are left to a push at work.</summary>
public sealed class PruneOperationTests : IAsyncDisposable
{
    private const string Oldest = "RTX3090_N2412_ASR_240101";
    private const string Middle = "RTX3090_N2501_ASR_250101";
    private const string Newest = "RTX3090_N2501_ASR_250901";
    private const string Other = "RTX3090_N2501_ASR_MMS_240101";

    private readonly MemoryRemote _gpu = new MemoryRemote()
        .File("/models/" + Middle + "/w", "middle!")
        .File("/models/" + Newest + "/w", "newest")
        .File("/models/" + Oldest + "/w", "old")
        .File("/models/" + Other + "/w", "other model");

    private readonly RemoteSession _session;
    private readonly List<IReadOnlyList<string>> _asked = [];

    public PruneOperationTests()
    {
        var config = new ModelSyncConfig(new Dictionary<string, ServerAlias>(StringComparer.Ordinal) { ["gpu"] = _gpu.Alias }, new Defaults(), NamingConvention.Default, "cfg.yaml");
        _session = new RemoteSession(config, new ProcessRunner(), _ => _gpu);
    }

    private Task<PruneResult> PruneAsync(int keep, bool dryRun = false, bool allowNone = false, bool consent = true) =>
        PruneOperation.RunAsync(_session, "gpu", "asr", new PruneOptions(keep, allowNone, dryRun, plans =>
        {
            _asked.Add([.. plans.SelectMany(p => p.Going).Select(v => v.Name)]);
            return consent;
        }, "prune gpu --model asr", w => Assert.Fail(w)), CancellationToken.None);

    private static string[] Names(PruneResult result, PruneFate fate) => [.. result.Entries.Where(e => e.Fate == fate).Select(e => e.Version.Name)];

    [Fact]
    public async Task KeepsTheNewestByVersionAndRemovesTheRestUnderTheirLocks()
    {
        var result = await PruneAsync(1);

        Assert.Equal([Newest], Names(result, PruneFate.Kept));
        Assert.Equal([Middle, Oldest], Names(result, PruneFate.Removed));
        Assert.Equal(10, result.FreedBytes);
        Assert.Equal([[Middle, Oldest]], _asked);
        Assert.Equal(["TryTakeLock", "RemoveVersion", "ReleaseLock", "TryTakeLock", "RemoveVersion", "ReleaseLock"], _gpu.Changes);
        Assert.False(_gpu.Exists("/models/" + Oldest));
        Assert.True(_gpu.Exists("/models/" + Newest));
    }

    [Fact]
    public async Task TheModelIsMatchedWholeSoAsrNeverTakesAsrMms()
    {
        await PruneAsync(1);

        Assert.True(_gpu.Exists("/models/" + Other));
    }

    [Fact]
    public async Task ADryRunAsksNothingAndChangesNothing()
    {
        var result = await PruneAsync(2, dryRun: true);

        Assert.Equal([Oldest], Names(result, PruneFate.WouldRemove));
        Assert.Equal(3, result.FreedBytes);
        Assert.Empty(_asked);
        Assert.Empty(_gpu.Changes);
    }

    [Fact]
    public async Task ALockedVersionIsSkippedAndNamesItsHolder()
    {
        _gpu.HoldLock("/models/" + Oldest, new LockHolder(Environment.MachineName, 0, "now", "push ./m gpu", "t"), TimeSpan.FromMinutes(1));

        var result = await PruneAsync(1);

        var locked = Assert.Single(result.Entries, e => e.Fate == PruneFate.Locked);
        Assert.Equal(Oldest, locked.Version.Name);
        Assert.Contains("push ./m gpu", locked.Holder, StringComparison.Ordinal);
        Assert.True(_gpu.Exists("/models/" + Oldest));
        Assert.Equal([Middle], Names(result, PruneFate.Removed));
    }

    /// <summary>A lock beside <paramref name="version"/> in the listing, as a push leaves it, taken <paramref name="age"/> ago.</summary>
    private void LockBeside(string version, LockHolder holder, TimeSpan age)
    {
        var lockDirectory = StageNames.Lock("/models/" + version);
        _gpu.File(lockDirectory + "/holder", holder.Serialize()).Dir(lockDirectory, DateTimeOffset.UtcNow.Add(-age).ToUnixTimeSeconds());
        _gpu.HoldLock("/models/" + version, holder, age);
    }

    [Fact]
    public async Task AStaleLockDoesNotKeepAVersionAndIsBrokenAsAPushWouldBreakIt()
    {
        LockBeside(Oldest, new LockHolder("elsewhere", 4242, "then", "model-sync push ./m gpu", "t"), TimeSpan.FromDays(3));
        var warnings = new List<string>();
        PruneOptions Options(bool dryRun) => new(1, false, dryRun, _ => true, "model-sync prune gpu --model asr --keep 1", warnings.Add);

        var dry = await PruneOperation.RunAsync(_session, "gpu", "asr", Options(dryRun: true), CancellationToken.None);
        var done = await PruneOperation.RunAsync(_session, "gpu", "asr", Options(dryRun: false), CancellationToken.None);

        var planned = Assert.Single(dry.Entries, e => e.Version.Name == Oldest);
        Assert.Equal(PruneFate.WouldRemove, planned.Fate);
        Assert.True(planned.StaleLock is { Stale: true, Age.TotalDays: >= 2.9 }, $"{planned.StaleLock}");
        Assert.Contains("model-sync push ./m gpu (pid 4242 on elsewhere", planned.StaleLock!.Holder, StringComparison.Ordinal);
        Assert.Equal([Middle, Oldest], Names(done, PruneFate.Removed));
        Assert.Contains(warnings, w => w.Contains("breaking a stale lock", StringComparison.Ordinal));
        Assert.False(_gpu.Exists("/models/" + Oldest));
    }

    [Fact]
    public async Task ALiveLockInTheListingIsShownLockedByItsHolderInADryRun()
    {
        LockBeside(Oldest, new LockHolder("elsewhere", 4242, "now", "model-sync push ./m gpu", "t"), TimeSpan.FromMinutes(2));

        var dry = await PruneAsync(1, dryRun: true);

        var locked = Assert.Single(dry.Entries, e => e.Fate == PruneFate.Locked);
        Assert.Equal(Oldest, locked.Version.Name);
        Assert.Contains("model-sync push ./m gpu", locked.Holder, StringComparison.Ordinal);
        Assert.Null(locked.StaleLock);
    }

    [Fact]
    public async Task AVersionWithAStageBesideItIsLeftToThePublish()
    {
        _gpu.Dir(StageNames.Stage("/models/" + Oldest));

        var dry = await PruneAsync(1, dryRun: true);
        var result = await PruneAsync(1);

        Assert.Equal([Oldest], Names(dry, PruneFate.BeingPublished));
        Assert.Equal([Oldest], Names(result, PruneFate.BeingPublished));
        Assert.Equal([[Middle]], _asked);
        Assert.True(_gpu.Exists("/models/" + Oldest));
    }

    [Fact]
    public async Task AStageThatAppearsAfterTheListingStillStopsTheRemoval()
    {
        _gpu.OnTakeLock = target => { if (target.EndsWith(Oldest, StringComparison.Ordinal)) _gpu.Dir(StageNames.Stage(target)); };

        var result = await PruneAsync(1);

        Assert.Equal([Oldest], Names(result, PruneFate.BeingPublished));
        Assert.True(_gpu.Exists("/models/" + Oldest));
    }

    [Fact]
    public async Task NoConsentRemovesNothingAndExitsTwo()
    {
        var e = await Assert.ThrowsAsync<ModelSyncException>(() => PruneAsync(1, consent: false));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
        Assert.Contains("--yes", e.Fix, StringComparison.Ordinal);
        Assert.Empty(_gpu.Changes);
    }

    [Fact]
    public async Task KeepingZeroNeedsAllowNoneAndNegativeIsRefused()
    {
        var zero = await Assert.ThrowsAsync<ModelSyncException>(() => PruneAsync(0));
        var negative = await Assert.ThrowsAsync<ModelSyncException>(() => PruneAsync(-1, allowNone: true));
        var all = await PruneAsync(0, allowNone: true);

        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage), (zero.ExitCode, negative.ExitCode));
        Assert.Contains("--allow-none", zero.Fix, StringComparison.Ordinal);
        Assert.Equal(3, Names(all, PruneFate.Removed).Length);
    }

    [Fact]
    public async Task KeepingMoreThanThereAreAsksNothing()
    {
        var result = await PruneAsync(5);

        Assert.Equal(3, Names(result, PruneFate.Kept).Length);
        Assert.Empty(_asked);
        Assert.Empty(_gpu.Changes);
    }

    [Fact]
    public async Task AnUnknownModelIsTheVersionsError()
    {
        var e = await Assert.ThrowsAsync<ModelSyncException>(() => PruneOperation.RunAsync(_session, "gpu", "AS",
            new PruneOptions(1, false, false, _ => true, "prune", _ => { }), CancellationToken.None));

        Assert.Equal(ExitCodes.Usage, e.ExitCode);
    }

    public async ValueTask DisposeAsync() => await _session.DisposeAsync();
}

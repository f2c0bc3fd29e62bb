using ModelSync.Config;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Reporting;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Versioning;

namespace ModelSync.Tests.Operations;

/// <summary>
/// <c>prune</c> and the previous version a finished publish could not remove (left at the old name beside a version in
/// place): said for what it is and removed when asked, never taken for a publish under way; an old name without its
/// version (a publish stopped between its two renames: the only copy of the model) is never touched.
/// </summary>
public sealed class PrunePreviousVersionTests : IAsyncDisposable
{
    private const string Oldest = "RTX3090_N2412_ASR_240101";
    private const string Middle = "RTX3090_N2501_ASR_250101";
    private const string Newest = "RTX3090_N2501_ASR_250901";

    private readonly MemoryRemote _gpu = new MemoryRemote()
        .File("/models/" + Middle + "/w", "middle!")
        .File("/models/" + Newest + "/w", "newest")
        .File("/models/" + Oldest + "/w", "old");

    private readonly RemoteSession _session;
    private readonly List<string> _warnings = [];

    public PrunePreviousVersionTests()
    {
        var config = new ModelSyncConfig(new Dictionary<string, ServerAlias>(StringComparer.Ordinal) { ["gpu"] = _gpu.Alias }, new Defaults(), NamingConvention.Default, "cfg.yaml");
        _session = new RemoteSession(config, new ProcessRunner(), _ => _gpu);
    }

    private Task<PruneResult> PruneAsync(int keep, bool dryRun = false) =>
        PruneOperation.RunAsync(_session, "gpu", "asr", new PruneOptions(keep, false, dryRun, _ => true, "prune gpu --model asr", _warnings.Add), CancellationToken.None);

    private static string Old(string version) => StageNames.Old("/models/" + version);

    [Fact]
    public async Task APreviousVersionLeftBesideAKeptVersionIsShownAndRemovedWhenAsked()
    {
        // Before: not a word about it, and it stayed.
        _gpu.File(Old(Newest) + "/w", "previous");

        var dry = await PruneAsync(3, dryRun: true);
        var done = await PruneAsync(3);

        var planned = Assert.Single(dry.Entries, e => e.Leftover is not null);
        Assert.Equal((Newest, PruneFate.Kept), (planned.Version.Name, planned.Fate));
        Assert.Equal(new PreviousLeftover(PosixPath.Name(Old(Newest)), 8, LeftoverFate.WouldRemove), planned.Leftover);
        Assert.Equal(8, dry.FreedBytes);
        Assert.True(_gpu.Exists("/models/" + Newest));
        Assert.False(_gpu.Exists(Old(Newest)));
        Assert.Equal(LeftoverFate.Removed, Assert.Single(done.Entries, e => e.Leftover is not null).Leftover!.Fate);
        Assert.Empty(_warnings);

        Assert.Contains("keep; removed the previous version a publish left (8B)", Report(done), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AVersionWithAPreviousVersionLeftBesideItIsNotTakenForOneBeingPublished()
    {
        // Before: "skipped: being published", on every run, though no push was at work there.
        _gpu.File(Old(Oldest) + "/w", "previous");

        var result = await PruneAsync(2);

        var oldest = Assert.Single(result.Entries, e => e.Version.Name == Oldest);
        Assert.Equal((PruneFate.Removed, LeftoverFate.Removed), (oldest.Fate, oldest.Leftover!.Fate));
        Assert.False(_gpu.Exists("/models/" + Oldest));
        Assert.False(_gpu.Exists(Old(Oldest)));
        Assert.Equal(3 + 8, result.FreedBytes);
    }

    [Fact]
    public async Task APreviousVersionThatStillCannotGoIsOneWarningWithTheCommandToRun()
    {
        _gpu.File(Old(Newest) + "/w", "previous");
        _gpu.PreviousStaysBecause = "rm: cannot remove 'w': Permission denied";

        var result = await PruneAsync(3);

        var left = Assert.Single(result.Entries, e => e.Leftover is not null).Leftover!;
        Assert.Equal((LeftoverFate.Left, "rm: cannot remove 'w': Permission denied"), (left.Fate, left.Why));
        Assert.Equal([$"the previous version of {Newest} is still left at {Old(Newest)} (rm: cannot remove 'w': Permission denied); " +
            $"remove it as a user allowed to: rm -rf -- '{Old(Newest)}'"], _warnings);
        Assert.Equal(0, result.FreedBytes);
        Assert.True(_gpu.Exists(Old(Newest)));
    }

    [Fact]
    public async Task AVersionWhosePreviousVersionStillCannotGoIsKeptSoTheLeftoverStaysInSight()
    {
        // Before: the version went and its leftover stayed, an old name without its version from then on, which list and
        // prune take for a publish stopped between its renames (the only copy of a model) and never show or touch again.
        _gpu.File(Old(Oldest) + "/w", "previous");
        _gpu.PreviousStaysBecause = "rm: cannot remove 'w': Permission denied";

        var result = await PruneAsync(2);

        var oldest = Assert.Single(result.Entries, e => e.Version.Name == Oldest);
        Assert.Equal((PruneFate.Kept, LeftoverFate.Left), (oldest.Fate, oldest.Leftover!.Fate));
        Assert.True(_gpu.Exists("/models/" + Oldest));
        Assert.True(_gpu.Exists(Old(Oldest)));
        Assert.Single(_warnings);
    }

    [Fact]
    public async Task WithoutConsentTheRefusalNamesThePreviousVersionThatWouldGo()
    {
        // Before: "prune would remove 0 version(s)", though something would have gone.
        _gpu.File(Old(Newest) + "/w", "previous");

        var refused = await Assert.ThrowsAsync<ModelSync.Errors.ModelSyncException>(() => PruneOperation.RunAsync(_session, "gpu", "asr",
            new PruneOptions(3, false, false, _ => false, "prune gpu --model asr", _warnings.Add), CancellationToken.None));

        Assert.StartsWith("prune would remove 1 previous version a publish left of ", refused.Message, StringComparison.Ordinal);
        Assert.True(_gpu.Exists(Old(Newest)));
    }

    [Fact]
    public async Task AnOldNameWithoutItsVersionIsTheOnlyCopyOfAModelAndIsNeverTouched()
    {
        // A publish stopped between its two renames: the version moved aside, the stage not yet in.
        const string Stopped = "RTX3090_N2501_ASR_250501";
        _gpu.File(Old(Stopped) + "/w", "the live model").File(StageNames.Stage("/models/" + Stopped) + "/w", "the new one");

        var result = await PruneAsync(1);

        Assert.DoesNotContain(result.Entries, e => e.Version.Name == Stopped);
        Assert.Equal("the live model", _gpu.Read(Old(Stopped) + "/w"));
        Assert.Equal(0, _gpu.Count("RemovePreviousVersion", "/models/" + Stopped));
    }

    [Fact]
    public async Task APreviousVersionBesideAVersionAPushIsPublishingIsLeftToThatPush()
    {
        _gpu.File(Old(Oldest) + "/w", "previous").Dir(StageNames.Stage("/models/" + Oldest));

        var result = await PruneAsync(2);

        var oldest = Assert.Single(result.Entries, e => e.Version.Name == Oldest);
        Assert.Equal((PruneFate.BeingPublished, LeftoverFate.Skipped), (oldest.Fate, oldest.Leftover!.Fate));
        Assert.True(_gpu.Exists(Old(Oldest)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheJsonCountsThePreviousVersionsRemovedWhoseBytesItCountsFreed(bool dryRun)
    {
        // Before: "removed": 1 and "freed_bytes": 11 for the oldest version (3 bytes) and its leftover (8): nothing said where 8 bytes came from.
        _gpu.File(Old(Oldest) + "/w", "previous");

        var result = await PruneAsync(2, dryRun);

        var json = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(PruneReport.Json(result), ModelSync.Reporting.Json.ReportJsonContext.Default.PruneJson))!;
        Assert.Equal((1, 1, 3L + 8), (json["removed"]!.GetValue<int>(), json["removed_leftovers"]?.GetValue<int>(), json["freed_bytes"]!.GetValue<long>()));
        var fleet = System.Text.Json.Nodes.JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(
            FleetPruneReport.Json("asr", 2, dryRun, [new ModelSync.Fleet.TargetOutcome<PruneResult>(new RemoteSpec("gpu", null), result, null, 0)]), ModelSync.Reporting.Json.ReportJsonContext.Default.PruneFleetJson))!;
        Assert.Equal((1, 1, 3L + 8), (fleet["removed"]!.GetValue<int>(), fleet["removed_leftovers"]?.GetValue<int>(), fleet["freed_bytes"]!.GetValue<long>()));
    }

    [Fact]
    public async Task ThePruneOfSeveralServersTotalsThePreviousVersionsRemovedBesideTheVersions()
    {
        // Before: "Total: removed 1 version on 1 server, freed 11B": 8 of those bytes were the leftover's, unnamed.
        _gpu.File(Old(Oldest) + "/w", "previous");
        var result = await PruneAsync(2);

        using var writer = new StringWriter();
        FleetPruneReport.Write(writer, "asr", false, [new ModelSync.Fleet.TargetOutcome<PruneResult>(new RemoteSpec("gpu", null), result, null, 0)]);

        Assert.Contains("Total: removed 1 version and 1 previous version a publish left on 1 server, freed 11B.", writer.ToString(), StringComparison.Ordinal);
    }

    private static string Report(PruneResult result)
    {
        using var writer = new StringWriter();
        PruneReport.Write(writer, result);
        return writer.ToString();
    }

    public async ValueTask DisposeAsync() => await _session.DisposeAsync();
}

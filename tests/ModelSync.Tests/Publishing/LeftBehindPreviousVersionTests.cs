using ModelSync.Paths;
using ModelSync.Publishing;
using ModelSync.Reporting;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Publishing;

/// <summary>
/// <c>list</c>'s left-behind entries and the old name beside a version: a previous version a finished publish could
/// not remove while the version is in place; nothing to list (and nothing to remove) when the version is not.
/// </summary>
public sealed class LeftBehindPreviousVersionTests
{
    [Fact]
    public async Task APreviousVersionBesideItsVersionIsListedForWhatItIs()
    {
        // Before: not listed at all.
        await using var gpu = new MemoryRemote().File("/models/m/w", "new").File(StageNames.Old("/models/m") + "/w", "the old one");
        await gpu.ConnectAsync(CancellationToken.None);

        var found = await LeftBehindScan.FindAsync(gpu, (await gpu.ScanAsync("/models", CancellationToken.None))!, CancellationToken.None);

        var left = Assert.Single(found);
        Assert.Equal((LeftBehindKind.PreviousVersion, "m", 11L), (left.Kind, left.Target, left.Bytes));
        Assert.StartsWith("- previous version of m (11B, ", LeftBehindReport.Line(left, DateTimeOffset.UtcNow, ModelSync.Versioning.NamingPattern.Default, "/models"), StringComparison.Ordinal);
        Assert.Equal("previous_version", Assert.Single(LeftBehindReport.Json(found, DateTimeOffset.UtcNow)).Kind);
    }

    [Theory]
    [InlineData("m", false)]
    [InlineData("RTX3090_N2501_ASR_250101", true)]
    public void ListSaysPruneRemovesAPreviousVersionOnlyWherePruneCanMatchItsName(string version, bool prunable)
    {
        // Before: "`prune` removes it" for every name, though prune finds versions by the naming convention alone.
        var left = new LeftBehind(LeftBehindKind.PreviousVersion, version, 11, DateTimeOffset.UtcNow, null);
        using var writer = new StringWriter();

        ListReport.Write(writer, new ModelSync.Operations.ListResult("gpu", "/models", new ModelSync.Operations.ListQuery(), ModelSync.Versioning.NamingPattern.Default, []) { LeftBehind = [left] });

        var line = Assert.Single(writer.ToString().Split('\n'), l => l.StartsWith("- previous version of ", StringComparison.Ordinal));
        Assert.Equal(prunable, line.Contains("`prune` removes it", StringComparison.Ordinal));
        Assert.EndsWith($"remove it as a user allowed to: rm -rf -- '{StageNames.Old("/models/" + version)}'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOldNameWithoutItsVersionIsNoPreviousVersion()
    {
        await using var gpu = new MemoryRemote().File(StageNames.Old("/models/m") + "/w", "the only copy").File(StageNames.Stage("/models/m") + "/w", "new");
        await gpu.ConnectAsync(CancellationToken.None);

        var found = await LeftBehindScan.FindAsync(gpu, (await gpu.ScanAsync("/models", CancellationToken.None))!, CancellationToken.None);

        Assert.Equal([LeftBehindKind.Stage], found.Select(l => l.Kind));
    }
}

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
        Assert.StartsWith("- previous version of m (11B, ", LeftBehindReport.Line(left, DateTimeOffset.UtcNow), StringComparison.Ordinal);
        Assert.Equal("previous_version", Assert.Single(LeftBehindReport.Json(found, DateTimeOffset.UtcNow)).Kind);
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

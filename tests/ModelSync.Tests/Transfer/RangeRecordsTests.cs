using ModelSync.Manifests;
using ModelSync.Transfer;

namespace ModelSync.Tests.Transfer;

public sealed class RangeRecordsTests
{
    private static readonly TreeEntry Shard = new("1/model.plan", EntryKind.File, 300, 1_700_000_000) { ModifiedExact = "1700000000.1234567890" };

    [Fact]
    public void TheRecordNameChangesWithTheFilesPathSizeTimeAndRangeSize()
    {
        var key = RangeRecords.Key(Shard, 32);

        Assert.Matches("^[0-9a-f]{32}$", key);
        Assert.Equal(key, RangeRecords.Key(Shard with { }, 32));
        Assert.NotEqual(key, RangeRecords.Key(Shard with { Path = "1/model.onnx" }, 32));
        Assert.NotEqual(key, RangeRecords.Key(Shard with { Size = 301 }, 32));
        Assert.NotEqual(key, RangeRecords.Key(Shard with { ModifiedExact = "1700000000.1234567891" }, 32));
        Assert.NotEqual(key, RangeRecords.Key(Shard, 64));
    }

    [Fact]
    public void DoneMarkersGiveTheOffsetsOfTheRangesThatArrived()
    {
        var listing = new TreeListing(EntryKind.Directory,
        [
            new("k1", EntryKind.Directory, 0, 0),
            new("k1/part", EntryKind.File, 5, 0),
            new("k1/done.0", EntryKind.File, 0, 0),
            new("k1/done.3", EntryKind.File, 0, 0),
            new("k2/done.1", EntryKind.File, 0, 0),
            new("k2/done.x", EntryKind.File, 0, 0),
            new("done.7", EntryKind.File, 0, 0),
        ]);

        var done = RangeRecords.Done(listing);

        Assert.Equal([0, 3 * 1024 * 1024], done["k1"].Order());
        Assert.Equal([1024 * 1024], done["k2"]);
        Assert.Equal(2, done.Count);
    }

    [Fact]
    public void NoRecordsMeansNothingDone() => Assert.Empty(RangeRecords.Done(null));

    [Theory]
    [InlineData("1700000000.1234567890", "2023-11-14T22:13:20.123456789Z")]
    [InlineData("1700000000.5", "2023-11-14T22:13:20.5Z")]
    [InlineData("1700000000", "2023-11-14T22:13:20Z")]
    [InlineData("", "2023-11-14T22:13:20Z")]
    public void TheTimeIsWrittenAsTouchTakesItToTheNanosecond(string exact, string iso) =>
        Assert.Equal(iso, RangeRecords.Mtime(Shard with { ModifiedExact = exact }));
}

using ModelSync.Remotes;
using ModelSync.Transfer;

namespace ModelSync.Tests.Transfer;

public sealed class StreamPlannerTests
{
    private const long MiB = 1024 * 1024;

    private static readonly RangeLayout Layout = new(Threshold: 4 * MiB, FixedRangeSize: 2 * MiB);

    private static readonly HashSet<long> NoneDone = [];

    private static IReadOnlyList<StreamLoad> Spread(int streams, params StreamFile[] files) => StreamPlanner.Spread(files, streams, Layout, _ => NoneDone);

    [Fact]
    public void AModelOfA200AndA56MiBFileKeepsEightStreamsEvenWithTheDefaultLayout()
    {
        var loads = StreamPlanner.Spread([new StreamFile("1/model.plan", 200 * MiB), new StreamFile("1/model.onnx", 56 * MiB), new StreamFile("config.pbtxt", 1038)],
            8, RangeLayout.Default, _ => NoneDone);

        // 32 MiB a stream is the even share; a 16 MiB smallest range left four streams with 41 MiB and four with 25.
        Assert.All(loads, l => Assert.InRange(l.Bytes, 25 * MiB, 33 * MiB));
        Assert.All(loads, l => Assert.InRange(l.Items.Count, 1, 2));
    }

    [Fact]
    public void TheLargestFileGoesFirstAndEachNextToTheLeastLoadedStream()
    {
        var loads = Spread(2, new StreamFile("a", 3 * MiB), new StreamFile("b", 2 * MiB), new StreamFile("c", 2 * MiB), new StreamFile("d", MiB));

        Assert.Equal([["a", "d"], ["b", "c"]], loads.Select(Paths));
        Assert.Equal([4 * MiB, 4 * MiB], loads.Select(l => l.Bytes));
    }

    [Fact]
    public void EachStreamSendsItsWholeFilesInOneTarInPathOrder()
    {
        var loads = Spread(1, new StreamFile("z", 10), new StreamFile("a", 20), new StreamFile("m", 0));

        var tar = Assert.IsType<WholeFiles>(Assert.Single(Assert.Single(loads).Items));
        Assert.Equal(["a", "m", "z"], tar.Files.Select(f => f.Path));
    }

    [Fact]
    public void ABigFileIsSplitIntoRangesThatShareTheStreams()
    {
        var loads = Spread(3, new StreamFile("shard", 9 * MiB), new StreamFile("config", 100));

        var ranges = loads.SelectMany(l => l.Items).OfType<FileRange>().ToList();
        Assert.Equal([0, 2 * MiB, 4 * MiB, 6 * MiB, 8 * MiB], ranges.Select(r => r.Range.Offset).Order());
        Assert.All(loads, l => Assert.Contains(l.Items, i => i is FileRange));
        Assert.Equal([4 * MiB, 3 * MiB, 2 * MiB + 100], loads.Select(l => l.Bytes));
    }

    [Fact]
    public void RangesDoneInAnEarlierRunAreNotSentAgain()
    {
        var shard = new StreamFile("shard", 9 * MiB);

        var loads = StreamPlanner.Spread([shard], 2, Layout, f => f == shard ? new HashSet<long> { 0, 4 * MiB, 8 * MiB } : NoneDone);

        Assert.Equal([2 * MiB, 6 * MiB], loads.SelectMany(l => l.Items).OfType<FileRange>().Select(r => r.Range.Offset).Order());
    }

    [Fact]
    public void MoreStreamsThanPiecesLeaveSomeStreamsEmpty()
    {
        var loads = Spread(4, new StreamFile("a", 1), new StreamFile("b", 1));

        Assert.Equal([1, 1, 0, 0], loads.Select(l => l.Items.Count));
    }

    [Fact]
    public void TheSpreadIsTheSameWhateverOrderTheFilesComeIn()
    {
        StreamFile[] files = [new("a", 2 * MiB), new("b", 2 * MiB), new("c", 1), new("d", 1), new("e", 5 * MiB)];

        Assert.Equal(Spread(3, files).Select(Paths), Spread(3, [.. files.Reverse()]).Select(Paths));
    }

    private static List<string> Paths(StreamLoad load) =>
        [.. load.Items.SelectMany(i => i switch
        {
            WholeFiles w => w.Files.Select(f => f.Path),
            FileRange r => [$"{r.File.Path}@{r.Range.Offset}"],
            _ => [],
        })];
}

using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Planning;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Transfer;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Transfer;

public sealed class StreamedRestTests
{
    private const int Plain = 0b110_100_100;
    private const int Open = 0b111_101_101;
    private const int Private = 0b111_000_000;

    private static readonly TreeEntry Root = Dir("", Time - 9) with { Mode = Open };

    [Fact]
    public void EveryDirectoryGetsItsModeAndTimeDeepestFirstAndTheStageItselfLast()
    {
        var source = Tree(Dir("a") with { Mode = Open }, Dir("a/b", Time + 1) with { Mode = Private, ModifiedExact = "1700000001.2500000000" }, File("a/b/w.bin", 9) with { Mode = Plain },
            Dir("a b") with { Mode = Open }, Dir("empty", Time - 1) with { Mode = 0b10_111_101_101 }, File("top", 1) with { Mode = Open }) with { Root = Root };

        var directories = StreamedRest.Directories(Push(source), Tree(), source.Files.ToList());

        Assert.Equal(
            [
                new StagedDirectory("empty", "02755", "2023-11-14T22:13:19Z"), new StagedDirectory("a/b", "00700", "2023-11-14T22:13:21.250000000Z"),
                new StagedDirectory("a b", "00755", "2023-11-14T22:13:20Z"), new StagedDirectory("a", "00755", "2023-11-14T22:13:20Z"),
                new StagedDirectory("", "00755", "2023-11-14T22:13:11Z"),
            ],
            directories);
    }

    [Fact]
    public void ALinkAFileLeftToRsyncAStageWithAnythingInItOrNotListedOrAModeNotKnownKeepRsync()
    {
        var source = Tree(Dir("a") with { Mode = Open }, File("a/w.bin", 9) with { Mode = Plain }) with { Root = Root };
        var all = source.Files.ToList();
        Assert.NotNull(StreamedRest.Directories(Push(source), Tree(), all));

        var linked = source with { Entries = [.. source.Entries, Link("latest", "a/w.bin") with { Mode = 0b111_111_111 }] };
        Assert.Null(StreamedRest.Directories(Push(linked), Tree(), all));
        Assert.Null(StreamedRest.Directories(Push(source), Tree(), []));
        Assert.Null(StreamedRest.Directories(Push(source), Tree(File("old", 1) with { Mode = Plain }), all));
        Assert.Null(StreamedRest.Directories(Push(source), null, all));
        Assert.Null(StreamedRest.Directories(Push(source), Tree() with { RootLink = "elsewhere" }, all));
        Assert.Null(StreamedRest.Directories(Push(source with { Root = null }), Tree(), all));
        Assert.Null(StreamedRest.Directories(Push(source with { Entries = [Dir("a"), .. source.Files] }), Tree(), all));
    }

    [Fact]
    public void DirectoriesOfLongNamesNeedNoRsyncButThousandsOfDirectoriesKeepIt()
    {
        // Their list goes on the call's stdin: long names once outgrew a budget for its command line (48 KiB), and 200
        // directories of 200-byte names went by rsync. Thousands still do: each costs the call processes of its own.
        TreeListing Directories(int count, int nameLength) => Tree([.. Enumerable.Range(0, count).SelectMany(i => new[]
        {
            Dir($"shard_{i:D5}/" + new string('t', nameLength)) with { Mode = Open }, File($"shard_{i:D5}/{new string('t', nameLength)}/vocab.json", 9) with { Mode = Plain },
        }), .. Enumerable.Range(0, count).Select(i => Dir($"shard_{i:D5}") with { Mode = Open })]) with { Root = Root };
        var few = Directories(20, 9);
        var longNames = Directories(StreamedRest.MostDirectories / 2, 200);
        var many = Directories(1500, 9);

        Assert.NotNull(StreamedRest.Directories(Push(few), Tree(), few.Files.ToList()));
        Assert.Equal(StreamedRest.MostDirectories + 1, StreamedRest.Directories(Push(longNames), Tree(), longNames.Files.ToList())?.Count);
        Assert.Null(StreamedRest.Directories(Push(many), Tree(), many.Files.ToList()));
    }

    [Fact]
    public void ARangedFileGetsTheSourcesModeOrKeepsItsOwnWhenNoneIsKnown()
    {
        Assert.Equal("04755", StreamedRest.Mode(File("x", 1) with { Mode = 0b100_111_101_101 }));
        Assert.Equal("", StreamedRest.Mode(File("x", 1)));
    }

    /// <summary>A first push.</summary>
    private static TransferContext Push(TreeListing source)
    {
        var options = new TransferOptions(DryRun: false, Delete: false, Compress: false, Verify: true);
        return new TransferContext(Direction.Push, new Endpoint(new MemoryRemote("here", "/here").Put("/here/m", source), "/here/m", "./m"),
            new Endpoint(new MemoryRemote(), "/models/m", "gpu:/models/m"),
            options, new TreeHasher(null), source, null, Planner.Plan(source, null, new PlanOptions(false)), HashFunction.Sha256, CancellationToken.None);
    }
}

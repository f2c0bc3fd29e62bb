using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Planning;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Transfer;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Transfer;

public sealed class RsyncBlindSpotsTests
{
    [Fact]
    public void FilesRsyncsQuickCheckWouldPassOverAreTheModeOnlyChangesAndTheRewritesWithinTheSameSecond()
    {
        var source = Tree(
            File("chmod", 10) with { Mode = 0b111_101_101 },
            File("same-second", 10, "1700000000.7500000000"),
            File("later", 10, Time + 1) with { Mode = 0b111_101_101 },
            File("grown", 11) with { Mode = 0b111_101_101 },
            File("same", 10) with { Mode = 0b110_100_100 },
            File("new", 10),
            Link("link", "v2"));
        var target = Tree(
            File("chmod", 10) with { Mode = 0b110_100_100 },
            File("same-second", 10, "1700000000.2500000000"),
            File("later", 10) with { Mode = 0b110_100_100 },
            File("grown", 10) with { Mode = 0b110_100_100 },
            File("same", 10) with { Mode = 0b110_100_100 },
            Link("link", "v1"));

        var plan = Planner.Plan(source, target, new PlanOptions());

        Assert.Equal(["chmod", "same-second"], RsyncBlindSpots.Find(plan));
    }

    [Fact]
    public void AgainstAStageAnEarlierRunLeftTheFilesItWouldPassOverAreThoseNotTheSeedsOwnInodeOrSentOrOfAnotherMode()
    {
        var source = Tree(
            File("linked", 10) with { Mode = 0b110_100_100 },
            File("chmod", 10) with { Mode = 0b111_101_101 },
            File("other-inode", 10) with { Mode = 0b110_100_100 },
            File("sent", 10) with { Mode = 0b110_100_100 },
            File("grown", 11) with { Mode = 0b110_100_100 },
            File("absent", 10));
        var seed = Tree(
            File("linked", 10) with { Inode = 1 },
            File("chmod", 10) with { Inode = 2 },
            File("other-inode", 10) with { Inode = 3 },
            File("sent", 10, Time - 1) with { Inode = 4 },
            File("grown", 10) with { Inode = 5 });
        var stage = Tree(
            File("linked", 10) with { Inode = 1, Mode = 0b110_100_100 },
            File("chmod", 10) with { Inode = 2, Mode = 0b110_100_100 },
            File("other-inode", 10) with { Inode = 30, Mode = 0b110_100_100 },
            File("sent", 10) with { Inode = 40, Mode = 0b110_100_100 },
            File("grown", 10) with { Inode = 5, Mode = 0b110_100_100 });

        var plan = Planner.Plan(source, seed, new PlanOptions());

        Assert.Equal(["chmod", "other-inode", "sent"], RsyncBlindSpots.Find(source, stage, plan, seed));
        Assert.Equal(["chmod", "linked", "other-inode", "sent"], RsyncBlindSpots.Find(source, stage, Planner.Plan(source, null, new PlanOptions()), null).Order(StringComparer.Ordinal));
    }

    private static readonly RsyncRequest Request = new("src/", "host:/stage/", "ssh", Delete: true, Compress: true);

    private static TransferContext Run(TreeListing source, TreeListing? target)
    {
        var options = new TransferOptions(DryRun: false, Delete: true, Compress: true, Verify: true);
        return new TransferContext(Direction.Push, new Endpoint(new MemoryRemote("here", "/here").Put("/here/m", source), "/here/m", "./m"),
            new Endpoint(new MemoryRemote().Put("/models/m", target), "/models/m", "gpu:/models/m"),
            options, new TreeHasher(null), source, target, Planner.Plan(source, target, new PlanOptions(true)), HashFunction.Sha256, CancellationToken.None);
    }

    [Fact]
    public void TheBlindSpotsGoFirstInARunThatIgnoresTimesAndNeitherRemovesNorCompresses()
    {
        var run = Run(Tree(File("chmod", 10) with { Mode = 0b111_101_101 }, File("new", 10)), Tree(File("chmod", 10) with { Mode = 0b110_100_100 }));
        var rest = Request with { OnlyFiles = ["x"] };

        var runs = RsyncBlindSpots.First(run, Request, [Request, rest]);

        Assert.Equal(3, runs.Count);
        Assert.Equal(Request with { Delete = false, Compress = false, IgnoreTimes = true }, runs[0] with { OnlyFiles = null });
        Assert.Equal(["chmod"], runs[0].OnlyFiles);
        Assert.Same(Request, runs[1]);
        Assert.Same(rest, runs[2]);
    }

    [Fact]
    public void ASingleFileModelsBlindSpotIsTheRunItselfWithoutAFileList()
    {
        var file = new TreeListing(EntryKind.File, [File("", 10) with { Mode = 0b111_101_101 }]);
        var run = Run(file, new TreeListing(EntryKind.File, [File("", 10) with { Mode = 0b110_100_100 }]));

        var first = RsyncBlindSpots.First(run, Request, [Request])[0];

        Assert.True(first.IgnoreTimes);
        Assert.Null(first.OnlyFiles);
    }

    [Fact]
    public void NoBlindSpotsOrARequestIgnoringTimesAlreadyAddsNoRun()
    {
        var run = Run(Tree(File("chmod", 10) with { Mode = 0b111_101_101 }), Tree(File("chmod", 10) with { Mode = 0b110_100_100 }));
        var same = Run(Tree(File("a", 10) with { Mode = 0b110_100_100 }), Tree(File("a", 10) with { Mode = 0b110_100_100 }));
        var ignoring = Request with { IgnoreTimes = true };

        Assert.Equal([ignoring], RsyncBlindSpots.First(run, ignoring, [ignoring]));
        Assert.Equal([Request], RsyncBlindSpots.First(same, Request, [Request]));
    }

    [Fact]
    public void AStageListedBeforeTheSendIsWhatTheBlindSpotsAreFoundIn()
    {
        var source = Tree(File("a", 10) with { Mode = 0b111_101_101 });
        var run = Run(source, null) with { StageListed = Tree(File("a", 10) with { Mode = 0b110_100_100, Inode = 9 }) };

        Assert.Equal(["a"], RsyncBlindSpots.First(run, Request, [Request])[0].OnlyFiles);
        Assert.Equal([Request], RsyncBlindSpots.First(run with { StageListed = null }, Request, [Request]));
    }
}

using ModelSync.Planning;
using ModelSync.Transfer;
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
}

using ModelSync.Manifests;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Verification;

public sealed class QuickCheckTests
{
    private static readonly Dictionary<string, string> Vouched = new(StringComparer.Ordinal) { ["a.bin"] = "aa", ["b.bin"] = "bb", ["c.bin"] = "cc" };

    /// <summary>
    /// A server's listing with the manifest of a push that began reading its source <paramref name="after"/> seconds after
    /// <see cref="Time"/> and published it an hour later (only its times count here).
    /// </summary>
    private static TreeListing Pushed(TreeListing server, double after = 3600) => server with
    {
        Manifest = new ModelManifest(ModelManifest.CurrentFormat, "model-sync", "u@h", "h", "/m", DateTimeOffset.FromUnixTimeSeconds(Time).AddSeconds(after + 3600), "sha256", [])
        {
            HashedFrom = DateTimeOffset.FromUnixTimeSeconds(Time).AddSeconds(after),
        },
    };

    [Fact]
    public void OnlyAFileOfTheServersSizeAndMtimeWhoseHashIsVouchedForIsLentOne()
    {
        var server = Pushed(Tree(File("a.bin", 10), File("b.bin", 10), File("c.bin", 10), File("d.bin", 10)));
        var here = Tree(File("a.bin", 10), File("b.bin", 11), File("c.bin", 10, Time + 1), File("d.bin", 10), File("e.bin", 10));

        var lent = QuickCheck.Lent(here, server, Vouched);

        Assert.Equal(new Dictionary<string, string> { ["a.bin"] = "aa" }, lent);
    }

    [Fact]
    public void MtimesDifferingBelowTheSecondLendNothingWhereBothSidesHaveThem()
    {
        var server = Pushed(Tree(File("a.bin", 10, "1700000000.250000000"), File("b.bin", 10, "1700000000.250000000")));
        var here = Tree(File("a.bin", 10, "1700000000.750000000"), File("b.bin", 10, "1700000000.250000000"));

        Assert.Equal(["b.bin"], QuickCheck.Lent(here, server, Vouched).Keys);
    }

    [Fact]
    public void NoManifestOrNoServerTreeLendsNothing()
    {
        var tree = Tree(File("a.bin", 10));

        Assert.Empty(QuickCheck.Lent(tree, tree, null));
        Assert.Empty(QuickCheck.Lent(tree, tree, new Dictionary<string, string>()));
        Assert.Empty(QuickCheck.Lent(tree, null, Vouched));
    }

    [Fact]
    public void AStageLendsOnlyToFilesThatAreStillTheLiveCopysInodes()
    {
        var server = Pushed(Tree(File("a.bin", 10), File("b.bin", 10), File("c.bin", 10)));
        var live = Tree(File("a.bin", 10) with { Inode = 1 }, File("b.bin", 10) with { Inode = 2 }, File("c.bin", 10));
        // b.bin was written by a run (a new inode with the server's size and mtime); c.bin's inode is unknown.
        var stage = Tree(File("a.bin", 10) with { Inode = 1 }, File("b.bin", 10) with { Inode = 7 }, File("c.bin", 10));

        Assert.Equal(["a.bin"], QuickCheck.LentToSeeds(stage, live, server, Vouched).Keys);
        Assert.Empty(QuickCheck.LentToSeeds(stage, null, server, Vouched));
    }

    [Fact]
    public void ASingleFileAndADirectoryLendNothingToEachOther()
    {
        var file = new TreeListing(EntryKind.File, [File("", 10)]);

        Assert.Empty(QuickCheck.Lent(file, Tree(File("", 10)), new Dictionary<string, string> { [""] = "x" }));
    }

    [Theory]
    [InlineData(0.9, false)]
    [InlineData(0.0, false)]
    [InlineData(1.0, true)]
    [InlineData(-5, false)]
    public void AFileWrittenInTheSecondThePushBeganReadingItsSourceIsNotLentItsHashHoweverLaterTheManifestWasWritten(double readingAfter, bool lent)
    {
        var server = Pushed(Tree(File("a.bin", 10, "1700000000.250000000")), readingAfter);
        var here = Tree(File("a.bin", 10, "1700000000.250000000"));

        Assert.Equal(lent, QuickCheck.Lent(here, server, Vouched).ContainsKey("a.bin"));
    }

    [Fact]
    public void AManifestThatDoesNotSayWhenItsHashesWereTakenLendsNothing()
    {
        var tree = Tree(File("a.bin", 10));
        var old = Pushed(tree);

        Assert.Empty(QuickCheck.Lent(tree, old with { Manifest = old.Manifest! with { HashedFrom = null } }, Vouched));
    }
}

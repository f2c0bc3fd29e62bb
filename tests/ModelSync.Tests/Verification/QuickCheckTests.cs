using ModelSync.Manifests;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Verification;

public sealed class QuickCheckTests
{
    private static readonly Dictionary<string, string> Vouched = new(StringComparer.Ordinal) { ["a.bin"] = "aa", ["b.bin"] = "bb", ["c.bin"] = "cc" };

    [Fact]
    public void OnlyAFileOfTheServersSizeAndMtimeWhoseHashIsVouchedForIsLentOne()
    {
        var server = Tree(File("a.bin", 10), File("b.bin", 10), File("c.bin", 10), File("d.bin", 10));
        var here = Tree(File("a.bin", 10), File("b.bin", 11), File("c.bin", 10, Time + 1), File("d.bin", 10), File("e.bin", 10));

        var lent = QuickCheck.Lent(here, server, Vouched);

        Assert.Equal(new Dictionary<string, string> { ["a.bin"] = "aa" }, lent);
    }

    [Fact]
    public void MtimesDifferingBelowTheSecondLendNothingWhereBothSidesHaveThem()
    {
        var server = Tree(File("a.bin", 10, "1700000000.250000000"), File("b.bin", 10, "1700000000.250000000"));
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
        var server = Tree(File("a.bin", 10), File("b.bin", 10), File("c.bin", 10));
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
}

using ModelSync.Transfer;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Transfer;

public sealed class StageBasisTests
{
    [Fact]
    public void OnlyPathsThatAreFilesOnBothSidesAreLinkedIntoTheStage()
    {
        var source = Tree(Dir("1"), File("1/model.onnx", 10), File("config.pbtxt", 3), File("new.txt", 1), File("was-a-dir", 1), Link("tok", "x"));
        var basis = Tree(Dir("1"), File("1/model.onnx", 12), File("config.pbtxt", 3), File("old.txt", 1), Dir("was-a-dir"), File("was-a-dir/f", 1), File("tok", 2));

        Assert.Equal(["1/model.onnx", "config.pbtxt"], StageBasis.Shared(source, basis));
    }

    [Fact]
    public void TheReportCountsFilesTheBasisHoldsUnchangedAndTheirBytesForADryRun()
    {
        var source = Tree(File("a", 10), File("b", 20), File("c", 40, Time + 1));
        var basis = new StageBasis("V1", "/m/V1", Tree(File("a", 10), File("b", 21), File("c", 40), File("gone", 5)), Named: false);

        var dry = basis.Use(source, saved: null);
        var run = basis.Use(source, saved: 55);

        Assert.Equal(new BasisUse("V1", "/m/V1", false, 10, 1), dry);
        Assert.Equal(55, run.BytesSaved);
    }
}

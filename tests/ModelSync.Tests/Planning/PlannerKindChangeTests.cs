using ModelSync.Manifests;
using ModelSync.Planning;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Planning;

/// <summary>A directory and a file (or link) trading places removes what the target had: the plan lists it and, without --delete, says it needs it.</summary>
public sealed class PlannerKindChangeTests
{
    private static readonly TreeListing Model = Tree(File("config.pbtxt", 10), Dir("1"), File("1/model.onnx", 500));

    private static readonly TreeListing OneFile = new(EntryKind.File, [File("", 10)]);

    [Fact]
    public void AFileOntoAModelDirectoryRemovesTheDirectoryAndEverythingInIt()
    {
        var plan = Planner.Plan(OneFile, Model, new PlanOptions());

        Assert.True(plan.NeedsDelete);
        Assert.Equal(["1", "1/model.onnx", "config.pbtxt"], plan.ToDelete.Select(e => e.Path));
        Assert.Equal(["the target itself (a directory, replaced by a file)", "1/", "1/model.onnx", "config.pbtxt"], plan.ToRemove.Select(e => e.Removed));
        Assert.All(plan.ToRemove, e => Assert.EndsWith("needs --delete", e.Reason, StringComparison.Ordinal));
        Assert.DoesNotContain(plan.Entries, e => e.Reason.Contains("kept", StringComparison.Ordinal));
    }

    [Fact]
    public void AFileOntoAnEmptyModelDirectoryStillRemovesTheDirectory()
    {
        var plan = Planner.Plan(OneFile, Tree(), new PlanOptions());

        Assert.True(plan.NeedsDelete);
        var entry = Assert.Single(plan.ToRemove);
        Assert.Equal(("", "was a directory, now a file: what was there is removed, needs --delete"), (entry.Path, entry.Reason));
        Assert.Equal(10, plan.BytesToSend);
    }

    [Fact]
    public void ADirectoryOntoAFileRemovesTheFile()
    {
        var plan = Planner.Plan(Model, OneFile, new PlanOptions());

        Assert.True(plan.NeedsDelete);
        var entry = Assert.Single(plan.ToDelete);
        Assert.Equal(("", EntryStatus.TargetOnly, "the target itself (a file)"), (entry.Path, entry.Status, entry.Removed));
        Assert.Equal("the target file is replaced by a directory: deleted, needs --delete", entry.Reason);
    }

    [Theory]
    [InlineData(false, true, "deleted, needs --delete")]
    [InlineData(true, false, "deleted")]
    public void FilesBelowADirectoryThatBecomesAFileAreDeletedAndNeedDelete(bool delete, bool needsDelete, string ending)
    {
        var plan = Planner.Plan(Tree(File("x", 10)), Tree(Dir("x"), Dir("x/y"), File("x/y/a", 3)), new PlanOptions(delete));

        Assert.Equal(needsDelete, plan.NeedsDelete);
        Assert.Equal(["x/ (a directory, replaced by a file)", "x/y/", "x/y/a"], plan.ToRemove.Select(e => e.Removed));
        Assert.Equal("its directory x is replaced by a file: " + ending, plan.Entries.Single(e => e.Path == "x/y/a").Reason);
    }

    [Fact]
    public void ALinkReplacingADirectoryNeedsDelete()
    {
        var plan = Planner.Plan(Tree(Link("x", "elsewhere")), Tree(Dir("x"), File("x/a", 3)), new PlanOptions());

        Assert.True(plan.NeedsDelete);
        Assert.Equal(["x/ (a directory, replaced by a symlink)", "x/a"], plan.ToRemove.Select(e => e.Removed));
        Assert.Equal("its directory x is replaced by a symlink: deleted, needs --delete", plan.Entries.Single(e => e.Path == "x/a").Reason);
    }

    [Theory]
    [InlineData(EntryKind.File)]
    [InlineData(EntryKind.Symlink)]
    public void ADirectoryReplacingAFileOrALinkNeedsDelete(EntryKind was)
    {
        var old = was == EntryKind.File ? File("x", 10) : Link("x", "t");

        var plan = Planner.Plan(Tree(Dir("x"), File("x/a", 3)), Tree(old), new PlanOptions());

        Assert.True(plan.NeedsDelete);
        var entry = Assert.Single(plan.ToRemove);
        Assert.Equal("x", entry.Path);
        Assert.True(entry.ReplacesKind);
        Assert.EndsWith("now a directory: what was there is removed, needs --delete", entry.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void WithDeleteAKindChangeIsPlannedWithoutNeedingMore()
    {
        var plan = Planner.Plan(Tree(Dir("x"), File("x/a", 3)), Tree(File("x", 10)), new PlanOptions(Delete: true));

        Assert.False(plan.NeedsDelete);
        Assert.Equal(["x (a file, replaced by a directory)"], plan.ToRemove.Select(e => e.Removed));
        Assert.Equal("was a file, now a directory: what was there is removed", plan.ToRemove.Single().Reason);
    }

    [Fact]
    public void AFileAndALinkTradingPlacesIsAnUpdateNotARemoval()
    {
        var plan = Planner.Plan(Tree(Link("x", "t"), File("y", 1)), Tree(File("x", 10), Link("y", "t")), new PlanOptions());

        Assert.False(plan.NeedsDelete);
        Assert.Empty(plan.ToRemove);
    }

    [Fact]
    public void FilesOnlyOnTheTargetWithoutDeleteAreKeptAndNeedNothing() =>
        Assert.False(Planner.Plan(Tree(File("a", 1)), Tree(File("a", 1), File("b", 2)), new PlanOptions()).NeedsDelete);

    [Fact]
    public void ANewTargetNeedsNothing() =>
        Assert.False(Planner.Plan(OneFile, null, new PlanOptions()).NeedsDelete);
}

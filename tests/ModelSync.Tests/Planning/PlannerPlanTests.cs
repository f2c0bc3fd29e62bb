using ModelSync.Manifests;
using ModelSync.Planning;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Planning;

public sealed class PlannerPlanTests
{
    private static readonly TreeListing Source = Tree(
        File("config.pbtxt", 100),
        Dir("1"),
        File("1/model.onnx", 5_000),
        File("labels.txt", 20, Time + 10),
        Link("current", "1"),
        Dir("tokenizer"),
        File("tokenizer/vocab.txt", 300));

    private static readonly TreeListing Target = Tree(
        File("config.pbtxt", 100),
        Dir("1"),
        File("1/model.onnx", 4_000),
        File("labels.txt", 20),
        Link("current", "0"),
        File("stale.bin", 77),
        Dir("old"),
        File("old/x", 5));

    [Fact]
    public void NothingOnTheTargetMakesEverythingNew()
    {
        var plan = Planner.Plan(Source, null, new PlanOptions());

        Assert.All(plan.Entries, e => Assert.Equal(EntryStatus.New, e.Status));
        Assert.Equal(100 + 5_000 + 20 + 300, plan.BytesToSend);
        Assert.Equal(5, plan.ToSend.Count());
        Assert.Equal(5, plan.Count(EntryStatus.New));
        Assert.False(plan.IsNoOp);
        Assert.Empty(plan.ToDelete);
    }

    [Fact]
    public void EachPathGetsItsStatus()
    {
        var plan = Planner.Plan(Source, Target, new PlanOptions());

        Assert.Equal(
            [
                ("1", EntryStatus.Same),
                ("1/model.onnx", EntryStatus.Modified),
                ("config.pbtxt", EntryStatus.Same),
                ("current", EntryStatus.Modified),
                ("labels.txt", EntryStatus.Modified),
                ("old", EntryStatus.TargetOnly),
                ("old/x", EntryStatus.TargetOnly),
                ("stale.bin", EntryStatus.TargetOnly),
                ("tokenizer", EntryStatus.New),
                ("tokenizer/vocab.txt", EntryStatus.New),
            ],
            plan.Entries.Select(e => (e.Path, e.Status)));
    }

    [Fact]
    public void EntriesAreSortedByOrdinalPathAndAllHaveAReason()
    {
        var plan = Planner.Plan(Source, Target, new PlanOptions(Delete: true));

        Assert.Equal(plan.Entries.Select(e => e.Path).Order(StringComparer.Ordinal), plan.Entries.Select(e => e.Path));
        Assert.All(plan.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Reason)));
    }

    [Fact]
    public void SourceAndTargetEntriesAreKeptOnEachPlannedEntry()
    {
        var plan = Planner.Plan(Source, Target, new PlanOptions());

        var model = plan.Entries.Single(e => e.Path == "1/model.onnx");
        Assert.Equal(5_000, model.Source?.Size);
        Assert.Equal(4_000, model.Target?.Size);
        var stale = plan.Entries.Single(e => e.Path == "stale.bin");
        Assert.Null(stale.Source);
        Assert.Equal(77, stale.Target?.Size);
    }

    [Theory]
    [InlineData(false, "not in source: kept (no --delete)", new string[0])]
    [InlineData(true, "not in source: deleted (--delete)", new[] { "old", "old/x", "stale.bin" })]
    public void TargetOnlyEntriesAreKeptOrDeleted(bool delete, string reason, string[] deleted)
    {
        var plan = Planner.Plan(Source, Target, new PlanOptions(delete));

        Assert.All(plan.Entries.Where(e => e.Status == EntryStatus.TargetOnly), e => Assert.Equal(reason, e.Reason));
        Assert.Equal(deleted, plan.ToDelete.Select(e => e.Path));
        Assert.All(plan.Entries.Where(e => e.Status != EntryStatus.TargetOnly), e => Assert.False(e.Delete));
    }

    [Fact]
    public void BytesToSendCountsOnlyNewAndModifiedFiles()
    {
        var plan = Planner.Plan(Source, Target, new PlanOptions(Delete: true));

        Assert.Equal(5_000 + 20 + 300, plan.BytesToSend);
        Assert.Equal(["1/model.onnx", "current", "labels.txt", "tokenizer/vocab.txt"], plan.ToSend.Select(e => e.Path));
        Assert.Equal("3 files and 1 link", plan.DescribeToSend());
    }

    [Fact]
    public void WithoutLinksToSendOnlyFilesAreNamed() =>
        Assert.Equal("1 file", Planner.Plan(Tree(File("a", 10, Time + 1)), Tree(File("a", 10)), new PlanOptions()).DescribeToSend());

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void IdenticalTreesAreANoOpUnlessSomethingMustBeDeleted(bool delete, bool noOp)
    {
        var source = Tree(Dir("d"), File("d/a", 1), Link("l", "d"));
        var target = Tree(Dir("d"), File("d/a", 1), Link("l", "d"), File("extra", 9));

        var plan = Planner.Plan(source, target, new PlanOptions(delete));

        Assert.Equal(noOp, plan.IsNoOp);
        Assert.Equal(0, plan.BytesToSend);
    }

    [Fact]
    public void IdenticalTreesAreANoOp()
    {
        var plan = Planner.Plan(Source, Source, new PlanOptions(Delete: true));

        Assert.True(plan.IsNoOp);
        Assert.All(plan.Entries, e => Assert.Equal(EntryStatus.Same, e.Status));
    }

    [Fact]
    public void NewEmptyDirectoryIsNotANoOpButSendsNoBytes()
    {
        var plan = Planner.Plan(Tree(Dir("empty")), Tree(), new PlanOptions());

        Assert.False(plan.IsNoOp);
        Assert.Empty(plan.ToSend);
        Assert.Equal(0, plan.Count(EntryStatus.New));
    }

    [Fact]
    public void ContentHashesOverrideMtime()
    {
        var source = Tree(File("same", 10, Time + 100), File("changed", 10));
        var target = Tree(File("same", 10), File("changed", 10));
        var sourceHashes = new Dictionary<string, string> { ["same"] = "aa", ["changed"] = "bb" };
        var targetHashes = new Dictionary<string, string> { ["same"] = "aa", ["changed"] = "cc" };

        var plan = Planner.Plan(source, target, new PlanOptions(), sourceHashes, targetHashes);

        Assert.Equal(
            [("changed", EntryStatus.Modified, "content differs (sha256)"), ("same", EntryStatus.Same, "same sha256")],
            plan.Entries.Select(e => (e.Path, e.Status, e.Reason)));
    }

    [Fact]
    public void ReasonsNameTheHashTheHashesAreOf()
    {
        var source = Tree(File("same", 10, Time + 100), File("changed", 10));
        var target = Tree(File("same", 10), File("changed", 10));
        var sourceHashes = new Dictionary<string, string> { ["same"] = "aa", ["changed"] = "bb" };
        var targetHashes = new Dictionary<string, string> { ["same"] = "aa", ["changed"] = "cc" };

        var plan = Planner.Plan(source, target, new PlanOptions(HashName: "xxh128"), sourceHashes, targetHashes);

        Assert.Equal(["content differs (xxh128)", "same xxh128"], plan.Entries.Select(e => e.Reason));
    }

    [Fact]
    public void FileBecomingADirectoryPlansTheDirectoryAndItsFiles()
    {
        var plan = Planner.Plan(Tree(Dir("x"), File("x/a", 3)), Tree(File("x", 10)), new PlanOptions());

        Assert.Equal(
            [("x", EntryKind.Directory, EntryStatus.Modified, "was a file, now a directory: what was there is removed, needs --delete"), ("x/a", EntryKind.File, EntryStatus.New, "not on target")],
            plan.Entries.Select(e => (e.Path, e.Kind, e.Status, e.Reason)));
        Assert.Equal(["x/a"], plan.ToSend.Select(e => e.Path));
        Assert.False(plan.IsNoOp);
    }

    [Fact]
    public void SingleFileSourceAgainstASingleFileTarget()
    {
        var source = new TreeListing(EntryKind.File, [File("", 2_100_000_000, Time + 1)]);
        var target = new TreeListing(EntryKind.File, [File("", 2_100_000_000)]);

        var plan = Planner.Plan(source, target, new PlanOptions());

        var entry = Assert.Single(plan.Entries);
        Assert.Equal(("", EntryStatus.Modified), (entry.Path, entry.Status));
        Assert.Equal(2_100_000_000, plan.BytesToSend);
    }

    [Fact]
    public void ChildrenOfADirectoryThatBecameAFileCannotBeKept()
    {
        // rsync cannot put the file x in place while the directory x still holds x/a (without --delete it fails
        // with "cannot delete non-empty directory: x", exit 23), so the plan may not promise to keep x/a.
        var plan = Planner.Plan(Tree(File("x", 10)), Tree(Dir("x"), File("x/a", 3)), new PlanOptions(Delete: false));

        Assert.Equal(["x/a"], plan.ToDelete.Select(e => e.Path));
        Assert.DoesNotContain(plan.Entries, e => e.Reason.Contains("kept", StringComparison.Ordinal));
        Assert.True(plan.NeedsDelete, "removing x/a without --delete must be refused");
    }
}

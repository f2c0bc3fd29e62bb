using ModelSync.Manifests;
using ModelSync.Planning;
using ModelSync.Reporting;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Reporting;

public sealed class DiffReportTests
{
    [Theory]
    [InlineData(EntryStatus.Same, "same")]
    [InlineData(EntryStatus.New, "new")]
    [InlineData(EntryStatus.Modified, "modified")]
    [InlineData(EntryStatus.TargetOnly, "remote-only")]
    public void StatusNameIsTheIssuesVocabulary(EntryStatus status, string expected) =>
        Assert.Equal(expected, DiffReport.StatusName(status));

    [Fact]
    public void ShownListsFilesAndLinksAndOnlyEmptyDirectoriesThatDiffer()
    {
        var source = Tree(
            Dir("same_dir"), File("same_dir/a", 1),
            Dir("new_dir"), File("new_dir/b", 2),
            Dir("new_empty"),
            Dir("same_empty"),
            Link("link", "same_dir"),
            File("top", 3));
        var target = Tree(
            Dir("same_dir"), File("same_dir/a", 1),
            Dir("same_empty"),
            Dir("remote_empty"),
            Dir("remote_dir"), File("remote_dir/z", 9));

        var plan = Planner.Plan(source, target, new PlanOptions());

        Assert.Equal(
            ["link", "new_dir/b", "new_empty", "remote_dir/z", "remote_empty", "same_dir/a", "top"],
            DiffReport.Shown(plan).Select(e => e.Path));
    }

    [Fact]
    public void DirectoryWhoseNameIsAPrefixOfASiblingStillCountsAsEmpty()
    {
        var plan = Planner.Plan(Tree(Dir("m"), File("m2", 1)), Tree(), new PlanOptions());

        Assert.Equal(["m", "m2"], DiffReport.Shown(plan).Select(e => e.Path));
    }

    [Fact]
    public void SingleFileModelIsShownUnderItsEmptyPath()
    {
        var plan = Planner.Plan(new(EntryKind.File, [File("", 5)]), null, new PlanOptions());

        Assert.Equal([""], DiffReport.Shown(plan).Select(e => e.Path));
    }
}

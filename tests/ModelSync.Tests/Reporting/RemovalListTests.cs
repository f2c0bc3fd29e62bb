using ModelSync.Planning;
using ModelSync.Reporting;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Reporting;

public sealed class RemovalListTests
{
    [Fact]
    public void ASingleTargetListShowsEachNameEscaped()
    {
        var removals = Planner.Plan(Tree(), Tree(File("old.bin", 3), File("evil\u001b[2J.bin", 1)), new PlanOptions(Delete: true)).ToRemove.ToList();
        var writer = new StringWriter { NewLine = "\n" };

        RemovalList.Write(writer, removals, server: null);

        Assert.Equal("\n## Files to delete (--delete): 2\n- evil\\x1b[2J.bin\n- old.bin\n\n", writer.ToString());
    }

    [Fact]
    public void AServerIsNamedAndALongListEndsInACount()
    {
        var removals = Planner.Plan(Tree(), Tree([.. Enumerable.Range(0, 102).Select(i => File($"f{i:000}", 1))]), new PlanOptions(Delete: true)).ToRemove.ToList();
        var writer = new StringWriter { NewLine = "\n" };

        RemovalList.Write(writer, removals, "s1");

        var lines = writer.ToString().Split('\n');
        Assert.Equal("## Files to delete on s1 (--delete): 102", lines[1]);
        Assert.Equal("- f029", lines[31]);
        Assert.Equal("- … and 72 more (--files lists every one)", lines[32]);
    }
}

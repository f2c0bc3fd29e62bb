using ModelSync.Fleet;
using ModelSync.Manifests;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Reporting;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Reporting;

public sealed class FleetDiffReportTests
{
    private static readonly TreeListing Local = Tree(Dir("b"), File("b/part", 2));

    [Fact]
    public void ThePushCommandForTheServersBehindAddsDeleteWhenOneOfThemHasAKindChange()
    {
        var outcomes = new[]
        {
            Outcome("s1", Tree(Dir("b"), File("b/part", 1))),
            Outcome("s2", Tree(File("b", 2))),
            Outcome("s3", Local),
        };

        Assert.Equal("model-sync push ./m s1 s2 --delete", FleetDiffReport.PushCommand("./m", outcomes));
        Assert.Equal("model-sync push ./m s1", FleetDiffReport.PushCommand("./m", outcomes[..1]));
    }

    private static TargetOutcome<DiffResult> Outcome(string server, TreeListing remote) =>
        new(RemoteSpec.Parse(server), new DiffResult("m", "./m", server + ":/models/m", true, false, Planner.Plan(Local, remote, new PlanOptions()), "") { Spec = server }, null, 0);
}

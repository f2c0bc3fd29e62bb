using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Preflight;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Resolve;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Preflight;

/// <summary>What a transfer does with a target that is a symlink: refuses, naming both ways forward, or plans as if nothing were there.</summary>
public sealed class TargetLinkTests
{
    private static readonly Endpoint Current = new(LocalRemote.ThisMachine(new ProcessRunner()), "/models/asr/current", "reaper:/models/asr/current");

    private static readonly TreeListing ThroughLink = Tree(File("w.bin", 3)) with { RootLink = "v3" };

    [Fact]
    public void ALinkIsRefusedWithExit2NamingWhatItPointsToAndBothWaysForward()
    {
        var refused = Assert.Throws<ModelSyncException>(() => TargetLink.Check(Direction.Push, Current, ThroughLink, replaceLink: false, out _));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal("reaper:/models/asr/current is a symlink to /models/asr/v3; model-sync does not write through a link", refused.Message);
        Assert.Contains("push to reaper:/models/asr/v3 by its own name", refused.Fix, StringComparison.Ordinal);
        Assert.Contains("--replace-link", refused.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void WithReplaceLinkTheLinkCountsAsNoTargetAndAWarningSaysWhatHappens()
    {
        var planned = TargetLink.Check(Direction.Push, Current, ThroughLink, replaceLink: true, out var warning);

        Assert.Null(planned);
        Assert.Equal("replacing the symlink reaper:/models/asr/current (to /models/asr/v3) with the new model; /models/asr/v3 is left as it is", warning);
    }

    [Fact]
    public void ATargetThatIsNoLinkIsPlannedAgainstAsScanned()
    {
        var scanned = Tree(File("w.bin", 3));

        Assert.Same(scanned, TargetLink.Check(Direction.Pull, Current, scanned, replaceLink: false, out var warning));
        Assert.Null(warning);
        Assert.Null(TargetLink.Check(Direction.Pull, Current, null, replaceLink: false, out _));
    }
}

using ModelSync.Config;
using ModelSync.Manifests;
using ModelSync.Preflight;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Preflight;

/// <summary>The stage's shape against the source, the space a leftover stage takes, and the command that drops it.</summary>
public sealed class TransferChecksTests
{
    private static readonly TreeListing Source = Tree(Dir("1"), File("1/model.onnx", 10), Link("2", "1"), Link("cfg", "config.pbtxt"), File("config.pbtxt", 3));

    [Fact]
    public void AStageHoldingEveryLinkAsTheSameLinkAndEveryFileAsAFileHasTheSourceSShape() =>
        Assert.Empty(TransferChecks.ShapeMismatches(Source, Tree(Dir("1"), File("1/model.onnx", 10), Link("2", "1"), Link("cfg", "config.pbtxt"), File("config.pbtxt", 3), File("extra", 1))));

    /// <summary>why, then the stage's entry at <c>2</c> (null: none).</summary>
    public static TheoryData<string, TreeEntry?> Misshapen => new()
    {
        { "missing", null },
        { "a link to another target", Link("2", "3") },
        { "a directory where the source has a link", Dir("2") },
        { "a file where the source has a link", File("2", 10) },
    };

    [Theory]
    [MemberData(nameof(Misshapen))]
    public void ALinkTheStageDoesNotHoldAsTheSameLinkIsAMismatch(string why, TreeEntry? atTwo)
    {
        TreeEntry[] rest = [Dir("1"), File("1/model.onnx", 10), Link("cfg", "config.pbtxt"), File("config.pbtxt", 3)];
        Assert.True(TransferChecks.ShapeMismatches(Source, Tree(atTwo is null ? rest : [.. rest, atTwo])).SequenceEqual(["2"]), why);
    }

    [Fact]
    public void ALinkWhereTheSourceHasAFileIsAMismatchEvenWhenItPointsToTheSameBytes() =>
        Assert.Equal(["config.pbtxt"], TransferChecks.ShapeMismatches(Source,
            Tree(Dir("1"), File("1/model.onnx", 10), Link("2", "1"), Link("cfg", "config.pbtxt"), Link("config.pbtxt", "1/model.onnx"))));

    [Fact]
    public void AStageTakesTheBytesOfItsFilesThatAreNotHardLinksOfTheLiveVersion()
    {
        var live = Tree(File("a", 100) with { Inode = 1 }, File("b", 200) with { Inode = 2 });
        var stage = Tree(File("a", 100) with { Inode = 1 }, File("b", 250) with { Inode = 3 }, File(".rsync-partial/c", 40) with { Inode = 4 });

        Assert.Equal(290, TransferChecks.StageHeldBytes(stage, live));
        Assert.Equal(390, TransferChecks.StageHeldBytes(stage, null));
    }

    [Fact]
    public void TheCommandThatDropsAStageReachesTheServerSShellThroughExecWordForWord()
    {
        const string stage = "/m/.model-sync-stage.it's $(x) `y`";
        var server = new SshRemote(new ServerAlias("gpu", "gpu.internal", null, null, "/m", null, []), new ProcessRunner());

        var words = Words(TransferChecks.DropCommand(new Endpoint(server, "/m/it's $(x) `y`", "gpu:it"), stage));

        Assert.Equal(["model-sync", "exec", "gpu"], words[..3]);
        Assert.Equal(["rm", "-rf", "--", stage], Words(Assert.Single(words[3..])));
    }

    [Fact]
    public void TheCommandThatDropsALocalStageIsAPlainRm()
    {
        var local = new LocalRemote(new ServerAlias("local", null, null, null, "/m", null, []), new ProcessRunner());

        Assert.Equal("rm -rf -- /m/.model-sync-stage.m", TransferChecks.DropCommand(new Endpoint(local, "/m/m", "local:m"), "/m/.model-sync-stage.m"));
    }

    /// <summary>How sh splits <paramref name="line"/> into words.</summary>
    private static string[] Words(string line) =>
        System.Text.Encoding.UTF8.GetString(TestProcess.RunBytes("sh", ["-c", "printf '%s\\0' " + line])).Split('\0')[..^1];
}

using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Planning;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Planning;

public sealed class ModeKeepingTests
{
    private const int GroupWritable = 0b110_110_100;
    private const int Plain = 0b110_100_100;
    private const int Setgid = 0b010_111_101_101;
    private const int Executable = 0b111_101_101;

    /// <summary>The target as a push of <paramref name="sent"/> left it on a file system that kept <paramref name="held"/>.</summary>
    private static TreeListing Target(TreeListing sent, TreeListing held) => held with
    {
        Manifest = ModelManifest.Create(sent, sent.Files.ToDictionary(f => f.Path, _ => "h", StringComparer.Ordinal), HashFunction.Sha256, "here", "/m"),
    };

    [Fact]
    public void AModeTheTargetWasSentAndDidNotKeepIsNotSentAgainAndIsWarnedOfOnce()
    {
        var source = Tree(File("config.pbtxt", 10) with { Mode = GroupWritable }, File("run.sh", 10) with { Mode = Setgid });
        var target = Target(source, Tree(File("config.pbtxt", 10) with { Mode = Plain }, File("run.sh", 10) with { Mode = Executable }));

        var plan = Planner.Plan(source, target, new PlanOptions());

        Assert.True(plan.IsNoOp, string.Join("; ", plan.Entries.Select(e => $"{e.Path}: {e.Reason}")));
        Assert.Equal("alpha:m did not keep the mode of 2 files (e.g. config.pbtxt: sent 664, holds 644); its file system or permissions drop those bits, so they are not sent again",
            ModeKeeping.Warning(plan, "alpha:m"));
    }

    [Fact]
    public void AModeOtherThanTheOneSentOrAFileChangedSinceIsSent()
    {
        var pushed = Tree(File("config.pbtxt", 10) with { Mode = GroupWritable }, File("weights.bin", 10) with { Mode = GroupWritable });
        var target = Target(pushed, Tree(File("config.pbtxt", 10) with { Mode = Plain }, File("weights.bin", 10, Time + 5) with { Mode = Plain }));
        var source = Tree(File("config.pbtxt", 10) with { Mode = Executable }, File("weights.bin", 10, Time + 5) with { Mode = GroupWritable });

        var plan = Planner.Plan(source, target, new PlanOptions());

        Assert.Equal(["config.pbtxt", "weights.bin"], plan.ToSend.Select(e => e.Path));
        Assert.Null(ModeKeeping.Warning(plan, "alpha:m"));
    }

    [Fact]
    public void TheManifestKeepsTheModeEachFileWasSentWith()
    {
        var source = Tree(File("run.sh", 10) with { Mode = Setgid }, File("made-up", 10));
        var manifest = ModelManifest.Create(source, new Dictionary<string, string> { ["run.sh"] = new('a', 64), ["made-up"] = new('b', 64) }, HashFunction.Sha256, "here", "/m");

        var read = ModelManifest.TryParse(System.Text.Encoding.UTF8.GetString(manifest.SerializeToUtf8()))!;

        Assert.Equal(["2755", null], read.Files.Select(f => f.Mode));
    }
}

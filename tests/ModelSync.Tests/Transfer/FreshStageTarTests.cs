using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Planning;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Transfer;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Transfer;

public sealed class FreshStageTarTests
{
    private const int MiB = 1024 * 1024;

    private static readonly TreeListing Small = Tree(Dir("1"), File("1/model.onnx", 3 * MiB), File("config.pbtxt", 9));
    private static readonly TreeListing ManyTiny = Tree([.. Enumerable.Range(0, 4000).Select(i => File($"tokenizers/t{i}.json", 1000))]);
    private static readonly TreeListing ManySmall = Tree([.. Enumerable.Range(0, 400).Select(i => File($"tokenizers/t{i}.json", 16 * 1024))]);

    [Fact]
    public void ANewModelOfAtMostFourMiBGoesByTarHoweverManyFilesItHas()
    {
        Assert.True(FreshStageTar.Fits(Push(Small)));
        Assert.True(FreshStageTar.Fits(Push(ManyTiny)));
        Assert.False(FreshStageTar.Fits(Push(ManySmall)));
    }

    [Fact]
    public void StreamsOrCompressionAskedForOrAStageWithAnythingInItKeepRsync()
    {
        var options = Options();

        Assert.False(FreshStageTar.Fits(Push(Small, options with { Streams = 1 })));
        Assert.False(FreshStageTar.Fits(Push(Small, options with { Compress = true })));
        Assert.False(FreshStageTar.Fits(Push(Small) with { FreshStage = Tree(File("old", 1)) }));
        Assert.False(FreshStageTar.Fits(Push(Small) with { FreshStage = null }));
    }

    private static TransferOptions Options() => new(DryRun: false, Delete: false, Compress: false, Verify: true);

    /// <summary>A push of <paramref name="source"/> into the empty stage its target's call made.</summary>
    private static TransferContext Push(TreeListing source, TransferOptions? options = null) =>
        new TransferContext(Direction.Push, new Endpoint(new MemoryRemote("here", "/here").Put("/here/m", source), "/here/m", "./m"),
            new Endpoint(new MemoryRemote(), "/models/m", "gpu:/models/m"),
            options ?? Options(), new TreeHasher(null), source, null, Planner.Plan(source, null, new PlanOptions(false)), HashFunction.Sha256, CancellationToken.None)
        {
            FreshStage = Tree(),
        };
}

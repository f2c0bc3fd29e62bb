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
    private static readonly TreeListing ManySmall = Tree([.. Enumerable.Range(0, 400).Select(i => File($"tokenizers/t{i}.json", 16 * 1024))]);
    private static readonly TreeListing OneLarge = Tree([.. ManySmall.Entries, File("model.onnx", 4 * MiB + 1)]);

    public static TheoryData<string, bool, bool> Models => new()
    {
        // model, one stream chosen, goes by tar
        { nameof(Small), false, true },
        { nameof(Small), true, true },
        { nameof(ManySmall), false, false },
        { nameof(ManySmall), true, true },
        { nameof(OneLarge), true, false },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void ASmallModelGoesByTarAndALargerOneOnlyOverOneStreamAndOfSmallFiles(string model, bool oneStream, bool tar)
    {
        var source = model switch { nameof(Small) => Small, nameof(ManySmall) => ManySmall, _ => OneLarge };

        Assert.Equal(tar, FreshStageTar.Fits(Push(source), oneStream));
    }

    [Fact]
    public void StreamsOrCompressionAskedForOrAStageWithAnythingInItKeepRsync()
    {
        var options = Options();

        Assert.False(FreshStageTar.Fits(Push(ManySmall, options with { Streams = 1 }), oneStream: true));
        Assert.False(FreshStageTar.Fits(Push(ManySmall, options with { Compress = true }), oneStream: true));
        Assert.False(FreshStageTar.Fits(Push(ManySmall) with { FreshStage = Tree(File("old", 1)) }, oneStream: true));
        Assert.False(FreshStageTar.Fits(Push(ManySmall) with { FreshStage = null }, oneStream: true));
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

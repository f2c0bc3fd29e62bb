using ModelSync.Manifests;
using ModelSync.Transfer;

namespace ModelSync.Tests.Transfer;

public sealed class CompressionSplitTests
{
    private static readonly RsyncRequest Compressed = new("/src/m/", "h:/models/.stage/", "ssh", Delete: true, Compress: true);

    private static readonly HashSet<string> Weights = ["1/model.onnx", "1/model.plan"];

    [Theory]
    [InlineData("1/model.onnx", true)]
    [InlineData("model.SAFETENSORS", true)]
    [InlineData("a.b/weights.bin", true)]
    [InlineData("variables/variables.data-00000-of-00001", true)]
    [InlineData("model.gguf", true)]
    [InlineData("config.pbtxt", false)]
    [InlineData("tokenizer.json", false)]
    [InlineData("onnx", false)]
    [InlineData(".bin", false)]
    [InlineData("bin.d/README", false)]
    public void WeightsAreKnownByTheirSuffix(string path, bool incompressible) =>
        Assert.Equal(incompressible, CompressionSplit.IsIncompressible(path));

    [Fact]
    public void WithoutCompressionTheRequestIsTheOnlyRun()
    {
        var plain = Compressed with { Compress = false };

        Assert.Equal([plain], CompressionSplit.Split(plain, true, "m", Weights, ["1/model.onnx"]));
    }

    [Fact]
    public void WithoutWeightsToSendTheCompressedRequestIsTheOnlyRun() =>
        Assert.Equal([Compressed], CompressionSplit.Split(Compressed, true, "m", Weights, ["config.pbtxt", "labels.txt"]));

    [Fact]
    public void WeightsGoFirstInARunOfTheirOwnWithoutCompressionOrDeleting()
    {
        var runs = CompressionSplit.Split(Compressed, true, "m", Weights, ["config.pbtxt", "1/model.onnx", "1/model.plan"]);

        Assert.Equal(2, runs.Count);
        Assert.False(runs[0].Compress);
        Assert.False(runs[0].Delete);
        Assert.False(runs[0].IgnoreTimes);
        Assert.Equal(["1/model.onnx", "1/model.plan"], runs[0].OnlyFiles);
        Assert.Equal(Compressed, runs[1]);
        Assert.DoesNotContain("-z", RsyncArgs.Build(runs[0]));
    }

    [Fact]
    public void ListedFilesAreSplitIntoWeightsAndTheRest()
    {
        var resend = Compressed with { OnlyFiles = ["config.pbtxt", "1/model.plan"], IgnoreTimes = true };

        var runs = CompressionSplit.Split(resend, true, "m", Weights, []);

        Assert.Equal(2, runs.Count);
        Assert.Equal((false, true, "1/model.plan"), (runs[0].Compress, runs[0].IgnoreTimes, string.Join(',', runs[0].OnlyFiles!)));
        Assert.Equal((true, true, "config.pbtxt"), (runs[1].Compress, runs[1].IgnoreTimes, string.Join(',', runs[1].OnlyFiles!)));
    }

    [Fact]
    public void ListedWeightsAloneAreOneUncompressedRun()
    {
        var resend = Compressed with { OnlyFiles = ["1/model.plan"], IgnoreTimes = true };

        var run = Assert.Single(CompressionSplit.Split(resend, true, "m", Weights, []));

        Assert.Equal(resend with { Compress = false, OnlyFiles = run.OnlyFiles }, run);
        Assert.Equal(["1/model.plan"], run.OnlyFiles);
    }

    [Theory]
    [InlineData("model.onnx", false)]
    [InlineData("config.pbtxt", true)]
    public void ASingleFileModelIsCompressedUnlessItIsAWeight(string name, bool compressed) =>
        Assert.Equal(compressed, Assert.Single(CompressionSplit.Split(Compressed, false, name, new HashSet<string>(), [""])).Compress);

    [Fact]
    public void AFileALinkNamesAsAWeightIsAWeight()
    {
        var tree = new TreeListing(EntryKind.Directory,
        [
            new("blobs", EntryKind.Directory, 0, 0),
            new("blobs/9f86d081", EntryKind.File, 10, 0),
            new("blobs/e3b0c442", EntryKind.File, 10, 0),
            new("blobs/2c26b46b", EntryKind.File, 10, 0),
            new("snapshots/r1/model.safetensors", EntryKind.Symlink, 0, 0, "../../blobs/9f86d081"),
            new("snapshots/r1/config.json", EntryKind.Symlink, 0, 0, "../../blobs/e3b0c442"),
            new("snapshots/r1/escape.bin", EntryKind.Symlink, 0, 0, "../../../../etc/passwd"),
            new("snapshots/r1/abs.bin", EntryKind.Symlink, 0, 0, "/models/blobs/2c26b46b"),
            new("w.pt", EntryKind.File, 10, 0),
        ]);

        Assert.Equal(["blobs/9f86d081", "w.pt"], CompressionSplit.Weights(tree).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(0L, 500L, 1000L, 500L, 50)]
    [InlineData(600L, 200L, 1000L, 800L, 80)]
    [InlineData(900L, 500L, 1000L, 1400L, 100)]
    [InlineData(100L, 50L, 0L, 150L, 7)]
    public void ALaterRunsProgressCountsTheBytesOfEarlierRuns(long before, long bytes, long planned, long shownBytes, int shownPercent)
    {
        var shown = RsyncRunner.Carried(new RsyncProgress(bytes, 7, "1MB/s", "0:00:01"), before, planned);

        Assert.Equal((shownBytes, shownPercent), (shown.Bytes, shown.Percent));
    }
}

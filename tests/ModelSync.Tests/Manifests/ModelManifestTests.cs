using ModelSync.Hashing;
using ModelSync.Manifests;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Manifests;

public sealed class ModelManifestTests
{
    private const string X1 = "99aa06d3014798d86001c324468d497f";
    private const string B1 = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";

    private static readonly TreeListing Model = Tree(File("config.pbtxt", 10), File("1/model.onnx", 20));

    [Theory]
    [InlineData("xxh128", X1)]
    [InlineData("blake3", B1)]
    public void ItRecordsItsHashFunctionAndSurvivesARoundTrip(string name, string hash)
    {
        var function = HashFunction.TryParse(name)!;
        var manifest = ModelManifest.Create(Model, new Dictionary<string, string> { ["config.pbtxt"] = hash, ["1/model.onnx"] = hash }, function, "host", "/src");

        var read = ModelManifest.TryParse(manifest.Json());

        Assert.NotNull(read);
        Assert.Equal(name, read.Algorithm);
        Assert.Equal(function, read.Function);
        Assert.Contains($"\"algorithm\": \"{name}\"", manifest.Json(), StringComparison.Ordinal);
        Assert.Equal([hash, hash], read.Files.Select(f => f.Hash));
    }

    [Fact]
    public void ItVouchesOnlyForTheHashFunctionItWasWrittenWith()
    {
        var manifest = ModelManifest.Create(Model, new Dictionary<string, string> { ["config.pbtxt"] = X1, ["1/model.onnx"] = X1 }, HashFunction.Xxh128, "host", "/src");

        Assert.Equal(2, manifest.Trusted(Model, HashFunction.Xxh128).Count);
        Assert.Empty(manifest.Trusted(Model, HashFunction.Sha256));
        Assert.Empty(manifest.Trusted(Model, HashFunction.Blake3));
    }

    [Fact]
    public void ItDoesNotVouchForAFileRewrittenInTheSameSecondAtTheSameSize()
    {
        var pushed = Tree(File("config.pbtxt", 10, "1700000000.2500000000"), File("1/model.onnx", 20, "1700000000.2500000000"));
        var manifest = ModelManifest.Create(pushed, new Dictionary<string, string> { ["config.pbtxt"] = X1, ["1/model.onnx"] = X1 }, HashFunction.Xxh128, "host", "/src");
        var read = ModelManifest.TryParse(manifest.Json())!;
        var now = Tree(File("config.pbtxt", 10, "1700000000.9000000000"), File("1/model.onnx", 20, "1700000000.2500000000"));

        Assert.Equal(["1/model.onnx"], read.Trusted(now, HashFunction.Xxh128).Keys);
        Assert.Contains("\"mtime_microseconds\": 250000", manifest.Json(), StringComparison.Ordinal);
    }

    [Fact]
    public void AManifestWithoutMicrosecondsComparesWholeSeconds()
    {
        var read = ModelManifest.TryParse($$"""
            {"format_version": 2, "tool": "model-sync 0.1.0", "pushed_by": "a@b", "source_host": "b", "source_path": "/s",
             "published": "2025-01-01T00:00:00+00:00", "algorithm": "xxh128",
             "files": [{"path": "config.pbtxt", "size": 10, "mtime": 1700000000, "hash": "{{X1}}"}]}
            """)!;

        Assert.Equal(["config.pbtxt"], read.Trusted(Tree(File("config.pbtxt", 10, "1700000000.9000000000")), HashFunction.Xxh128).Keys);
    }

    [Theory]
    [InlineData("md5", X1)]
    [InlineData("xxh128", B1)]
    [InlineData("blake3", X1)]
    public void AManifestOfAnUnknownFunctionOrWithHashesOfTheWrongLengthIsNotRead(string algorithm, string hash)
    {
        var json = ModelManifest.Create(Model, new Dictionary<string, string> { ["config.pbtxt"] = hash }, HashFunction.Sha256, "h", "/s").Json()
            .Replace("\"sha256\"", $"\"{algorithm}\"", StringComparison.Ordinal);

        Assert.Null(ModelManifest.TryParse(json));
    }

    [Fact]
    public void AFormat1ManifestIsNotRead() =>
        Assert.Null(ModelManifest.TryParse("""
            {"format_version": 1, "tool": "model-sync 0.1.0", "pushed_by": "a@b", "source_host": "b", "source_path": "/s",
             "published": "2025-01-01T00:00:00+00:00", "algorithm": "sha256",
             "files": [{"path": "a", "size": 1, "mtime": 1, "sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}]}
            """));
}

internal static class ManifestText
{
    /// <summary>The manifest as the text written to the server.</summary>
    public static string Json(this ModelManifest manifest) => System.Text.Encoding.UTF8.GetString(manifest.SerializeToUtf8());
}

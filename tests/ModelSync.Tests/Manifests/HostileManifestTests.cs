using System.Text;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Manifests;

/// <summary>A manifest comes from a server anyone with write access there may have edited: read it as hostile input.</summary>
public sealed class HostileManifestTests
{
    private const string S1 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static string Manifest(string files, string algorithm = "sha256", string format = "2") => $$"""
        {"format_version": {{format}}, "tool": "model-sync 0.1.0", "pushed_by": "a@b", "source_host": "b", "source_path": "/s",
         "published": "2025-01-01T00:00:00+00:00", "algorithm": "{{algorithm}}", "files": {{files}}}
        """;

    private static string Entry(string path, long size = 10, string hash = S1) =>
        $$"""{"path": {{path}}, "size": {{size}}, "mtime": 1700000000, "hash": "{{hash}}"}""";

    private static ManifestReading Read(string json) => ModelManifest.Read(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("[" + "{\"path\": \"config.pbtxt\", \"size\": 10, \"mtime\": 1700000000, \"hash\": \"" + S1 + "\"}, "
        + "{\"path\": \"config.pbtxt\", \"size\": 11, \"mtime\": 1700000000, \"hash\": \"" + S1 + "\"}]", "2 entries for 'config.pbtxt'")]
    [InlineData("[{\"path\": \"../outside\", \"size\": 1, \"mtime\": 1, \"hash\": \"" + S1 + "\"}]", "'../outside' is not a path inside the model")]
    [InlineData("[{\"path\": \"/etc/passwd\", \"size\": 1, \"mtime\": 1, \"hash\": \"" + S1 + "\"}]", "'/etc/passwd' is not a path inside the model")]
    [InlineData("[{\"path\": \"a//b\", \"size\": 1, \"mtime\": 1, \"hash\": \"" + S1 + "\"}]", "'a//b' is not a path inside the model")]
    [InlineData("[{\"path\": \"./a\", \"size\": 1, \"mtime\": 1, \"hash\": \"" + S1 + "\"}]", "'./a' is not a path inside the model")]
    [InlineData("[{\"path\": \"\", \"size\": 1, \"mtime\": 1, \"hash\": \"" + S1 + "\"}]", "an entry without a path")]
    [InlineData("[{\"path\": null, \"size\": 1, \"mtime\": 1, \"hash\": \"" + S1 + "\"}]", "an entry without a path")]
    [InlineData("[null]", "an empty entry")]
    [InlineData("[{\"path\": \"a\", \"size\": -1, \"mtime\": 1, \"hash\": \"" + S1 + "\"}]", "'a' has a negative size")]
    [InlineData("[{\"path\": \"a\", \"size\": 1, \"mtime\": 1, \"hash\": \"" + S1 + "\", \"mtime_microseconds\": 1000000}]", "'a' has an mtime out of range")]
    [InlineData("[{\"path\": \"a\", \"size\": 1, \"mtime\": 1, \"hash\": \"zz3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85\"}]", "the hash of 'a' is not sha256 hex")]
    [InlineData("[{\"path\": \"a\", \"size\": 1, \"mtime\": 1, \"hash\": \"E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855\"}]", "the hash of 'a' is not sha256 hex")]
    [InlineData("[{\"path\": \"a\", \"size\": 1, \"mtime\": 1, \"hash\": null}]", "the hash of 'a' is not sha256 hex")]
    [InlineData("[{\"path\": \"a\", \"size\": \"ten\", \"mtime\": 1, \"hash\": \"" + S1 + "\"}]", "not a manifest")]
    [InlineData("[{\"path\": 5, \"size\": 1, \"mtime\": 1, \"hash\": \"" + S1 + "\"}]", "not a manifest")]
    [InlineData("{\"path\": \"a\"}", "not a manifest")]
    [InlineData("null", "it lists no files")]
    public void ADamagedEntryMakesTheWholeManifestUnusableAndSaysWhy(string files, string problem)
    {
        var read = Read(Manifest(files));

        Assert.Null(read.Manifest);
        Assert.NotNull(read.Problem);
        Assert.Contains(problem, read.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"manifest\"")]
    [InlineData("42")]
    [InlineData("{\"format_version\": 2")]
    [InlineData("\u00ff\u00fe garbage")]
    public void SomethingThatIsNotAJsonObjectIsNoManifest(string json)
    {
        var read = Read(json);

        Assert.Null(read.Manifest);
        Assert.Contains("not a manifest", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AHashFunctionThisVersionDoesNotKnowIsNamed()
    {
        var read = Read(Manifest("[" + Entry("\"a\"") + "]", algorithm: "md5"));

        Assert.Null(read.Manifest);
        Assert.Contains("unknown hash 'md5'", read.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("4")]
    public void AManifestOfAnotherFormatIsPassedOverWithoutAWarning(string format)
    {
        var read = Read(Manifest("[" + Entry("\"a\"") + "]", format: format));

        Assert.Null(read.Manifest);
        Assert.Null(read.Problem);
    }

    [Fact]
    public void AHugeListOfFilesIsRefusedBeforeItFillsTheMemory()
    {
        var files = "[" + string.Join(",", Enumerable.Repeat("{}", ModelManifest.MaxFiles + 1)) + "]";

        var read = Read(Manifest(files));

        Assert.Null(read.Manifest);
        Assert.Contains($"more than {ModelManifest.MaxFiles} files", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void AManifestLargerThanTheLimitIsNotParsed()
    {
        var bytes = new byte[ModelManifest.MaxBytes + 1];

        var read = ModelManifest.Read(bytes);

        Assert.Null(read.Manifest);
        Assert.Contains("larger than", read.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ASoundManifestIsReadAndVouchesForMatchingFiles()
    {
        var read = Read(Manifest("[" + Entry("\"config.pbtxt\"") + ", " + Entry("\"1/model.onnx\"", 20) + "]"));

        Assert.Null(read.Problem);
        Assert.NotNull(read.Manifest);
        Assert.Equal(2, read.Manifest.Trusted(Tree(File("config.pbtxt", 10), File("1/model.onnx", 20)), HashFunction.Sha256).Count);
    }
}

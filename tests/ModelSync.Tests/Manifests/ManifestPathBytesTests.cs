using System.Text;
using System.Text.Json;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Manifests;

/// <summary>A manifest keeps names that are not UTF-8 by their bytes, and stays valid UTF-8 JSON that older versions read safely.</summary>
public sealed class ManifestPathBytesTests
{
    private const string H1 = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string H2 = "2222222222222222222222222222222222222222222222222222222222222222";
    private const string H3 = "3333333333333333333333333333333333333333333333333333333333333333";

    private static readonly string Ff = PathBytes.Decode([(byte)'w', 0xff]);
    private static readonly string Fe = PathBytes.Decode([(byte)'w', 0xfe]);

    private static ModelManifest WithOddNames() => ModelManifest.Create(Tree(File(Ff, 1), File(Fe, 2), File("plain.txt", 3)),
        new Dictionary<string, string> { [Ff] = H1, [Fe] = H2, ["plain.txt"] = H3 }, HashFunction.Sha256, "host", "/src");

    [Fact]
    public void NamesThatAreNotUtf8SurviveARoundTripByTheirBytes()
    {
        var read = ModelManifest.TryParse(WithOddNames().Json());

        Assert.NotNull(read);
        var hashes = read.Files.ToDictionary(f => f.Path, f => f.Hash, StringComparer.Ordinal);
        Assert.Equal(H1, hashes[Ff]);
        Assert.Equal(H2, hashes[Fe]);
        Assert.Equal(H3, hashes["plain.txt"]);
        Assert.Equal(3, read.Trusted(Tree(File(Ff, 1), File(Fe, 2), File("plain.txt", 3)), HashFunction.Sha256).Count);
    }

    [Fact]
    public void TheJsonIsValidUtf8WithTheBytesInBase64AndAFormatOlderVersionsSkip()
    {
        var bytes = WithOddNames().SerializeToUtf8();

        Assert.True(System.Text.Unicode.Utf8.IsValid(bytes));
        using var doc = JsonDocument.Parse(bytes);
        Assert.Equal(3, doc.RootElement.GetProperty("format_version").GetInt32());
        var ff = doc.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("hash").GetString() == H1);
        Assert.Equal(@"w\xff", ff.GetProperty("path").GetString());
        Assert.Equal(Convert.ToBase64String([(byte)'w', 0xff]), ff.GetProperty("path_base64").GetString());
        var plain = doc.RootElement.GetProperty("files").EnumerateArray().Single(f => f.GetProperty("hash").GetString() == H3);
        Assert.False(plain.TryGetProperty("path_base64", out _));
    }

    [Fact]
    public void AManifestOfUtf8NamesKeepsFormat2AndReadsAsBefore()
    {
        var manifest = ModelManifest.Create(Tree(File("모델.bin", 1)), new Dictionary<string, string> { ["모델.bin"] = H1 }, HashFunction.Sha256, "host", "/src");

        var json = manifest.Json();

        Assert.Contains("\"format_version\": 2", json, StringComparison.Ordinal);
        Assert.DoesNotContain("path_base64", json, StringComparison.Ordinal);
        Assert.Equal("모델.bin", ModelManifest.TryParse(json)!.Files.Single().Path);
    }

    [Fact]
    public void AnEntryWhoseBase64IsBrokenMakesTheManifestUnusable()
    {
        var json = WithOddNames().Json().Replace(Convert.ToBase64String([(byte)'w', 0xff]), "not base64!", StringComparison.Ordinal);

        var read = ModelManifest.Read(System.Text.Encoding.UTF8.GetBytes(json));

        // Like any damaged entry: a manifest is trusted whole or not at all, so its files are hashed instead.
        Assert.Null(read.Manifest);
        Assert.Contains("path_base64", read.Problem, StringComparison.Ordinal);
    }
}

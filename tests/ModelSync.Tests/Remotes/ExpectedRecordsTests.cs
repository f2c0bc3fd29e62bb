using System.Text;
using System.Text.Json;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Remotes;

/// <summary>The records the finish script compares byte for byte, written straight into one buffer.</summary>
public sealed class ExpectedRecordsTests
{
    private const string H1 = "1111111111111111111111111111111111111111111111111111111111111111";
    private static readonly string Odd = PathBytes.Decode([(byte)'w', 0xff, (byte)'\n', (byte)'-']);

    [Fact]
    public void TheStageRecordsAreEveryFileAndLinkThenTheKnownFiles()
    {
        var source = Tree(File("a.bin", 1234567890123), File(Odd, 0), Link("l", "a.bin"));
        KnownStageFile[] known = [new("a.bin", 1234567890123, "1700000000.5"), new(Odd, 0, null, 42)];

        var bytes = ExpectedRecords.Stage(source, known);

        var expected = new List<byte>();
        foreach (var entry in source.Entries)
        {
            expected.AddRange(entry.Kind == EntryKind.File ? Encoding.UTF8.GetBytes($"f {entry.Size} ") : "l "u8.ToArray());
            expected.AddRange(PathBytes.Encode(entry.Path));
            if (entry.Kind == EntryKind.Symlink) expected.AddRange("\na.bin"u8.ToArray());
            expected.Add(0);
        }
        expected.AddRange("v 1234567890123 1700000000.5 a.bin\0i 0 42 "u8.ToArray());
        expected.AddRange([.. PathBytes.Encode(Odd), 0]);
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData("openssl", false, " *./")]
    [InlineData("openssl", true, "  ./")]
    [InlineData("sha256sum", false, "  ./")]
    public void AHashRecordIsAsTheToolPrintsIt(string tool, bool oneRunEach, string separator)
    {
        var bytes = ExpectedRecords.Hashes(tool, [KeyValuePair.Create(Odd, H1), KeyValuePair.Create("b", H1)], oneRunEach);

        Assert.Equal([.. Encoding.ASCII.GetBytes(H1 + separator), .. PathBytes.Encode(Odd), 0, .. Encoding.ASCII.GetBytes(H1 + separator + "b"), 0], bytes);
    }

    [Fact]
    public void AManifestWrittenIntoABufferIsTheSerializersOwnText()
    {
        var manifest = ModelManifest.Create(Tree(File("config.pbtxt", 12), File("1/model.onnx", 34)),
            new Dictionary<string, string> { ["config.pbtxt"] = H1, ["1/model.onnx"] = H1 }, HashFunction.Sha256, "host", "/src");

        var written = manifest.SerializeToUtf8();

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson.Default.ModelManifest), written);
        Assert.Contains("\n  \"files\"", Encoding.UTF8.GetString(written), StringComparison.Ordinal);
    }
}

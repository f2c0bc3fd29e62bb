using System.Text;
using ModelSync.Hashing;
using ModelSync.Remotes;

namespace ModelSync.Tests.Remotes;

public sealed class HashOutputTests
{
    private const string H1 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string H2 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    // xxhsum -H2 and b3sum of an empty file and of "test", as those tools print them.
    private const string X1 = "99aa06d3014798d86001c324468d497f";
    private const string X2 = "6c78e0e3bd51d358d01e758642b85fb8";
    private const string B1 = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";
    private const string B2 = "4878ca0425c739fa427f7eda20fe845f6b2e46ba5fe2a14df5b1e32f50603215";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void OpensslRecordsAreParsed()
    {
        var (tool, hashes) = HashOutput.Parse(Bytes($"openssl\n{H1} *./config.pbtxt\0{H2} *./1/model.onnx\0"), HashFunction.Sha256);

        Assert.Equal("openssl", tool);
        Assert.Equal(new Dictionary<string, string> { ["config.pbtxt"] = H1, ["1/model.onnx"] = H2 }, hashes);
    }

    [Fact]
    public void Sha256sumRecordsAreParsed()
    {
        var (tool, hashes) = HashOutput.Parse(Bytes($"sha256sum\n{H1}  ./config.pbtxt\0{H2}  ./1/model.onnx\0"), HashFunction.Sha256);

        Assert.Equal("sha256sum", tool);
        Assert.Equal(new Dictionary<string, string> { ["config.pbtxt"] = H1, ["1/model.onnx"] = H2 }, hashes);
    }

    [Fact]
    public void XxhsumRecordsAreParsed()
    {
        var (tool, hashes) = HashOutput.Parse(Bytes($"xxhsum\n{X1}  ./config.pbtxt\0{X2}  ./1/model.onnx\0"), HashFunction.Xxh128);

        Assert.Equal("xxhsum", tool);
        Assert.Equal(new Dictionary<string, string> { ["config.pbtxt"] = X1, ["1/model.onnx"] = X2 }, hashes);
    }

    [Fact]
    public void B3sumRecordsAreParsed()
    {
        var (tool, hashes) = HashOutput.Parse(Bytes($"b3sum\n{B1}  ./config.pbtxt\0{B2}  ./1/model.onnx\0"), HashFunction.Blake3);

        Assert.Equal("b3sum", tool);
        Assert.Equal(new Dictionary<string, string> { ["config.pbtxt"] = B1, ["1/model.onnx"] = B2 }, hashes);
    }

    [Fact]
    public void OddNameRecordsBuiltByTheScriptMixWithTheToolsOwn()
    {
        var (_, hashes) = HashOutput.Parse(Bytes($"openssl\n{H1} *./plain\0{H2}  ./with\nnewline\0"), HashFunction.Sha256);

        Assert.Equal(new Dictionary<string, string> { ["plain"] = H1, ["with\nnewline"] = H2 }, hashes);
    }

    public static TheoryData<string, string> FunctionsAndHashes => new()
    {
        { "sha256", H1 },
        { "xxh128", X1 },
        { "blake3", B1 },
    };

    [Theory]
    [MemberData(nameof(FunctionsAndHashes))]
    public void AnyNameButNulSurvives(string function, string hash)
    {
        var f = HashFunction.TryParse(function)!;
        string[] names = ["name with spaces.bin", " leading and trailing ", "line\nbreak", "trailing newline\n", "back\\slash",
            "\\n literally", "모델/가중치.onnx", "it's \"q\" $(x) `y`", "*star", "./dot-slash", "-rf"];
        foreach (var name in names)
        {
            foreach (var separator in new[] { " *./", "  ./" })
            {
                var (_, hashes) = HashOutput.Parse(Bytes($"{f.Tools[^1]}\n{hash}{separator}{name}\0"), f);

                Assert.Equal(hash, Assert.Single(hashes, kv => kv.Key == name).Value);
            }
        }
    }

    [Fact]
    public void NoRecordsIsAnEmptyResult()
    {
        var (tool, hashes) = HashOutput.Parse(Bytes("openssl\n"), HashFunction.Sha256);

        Assert.Equal("openssl", tool);
        Assert.Empty(hashes);
    }

    [Theory]
    [InlineData("no tool line at all")]
    [InlineData("")]
    [InlineData("openssl\nnot a hash record\0")]
    [InlineData("openssl\n" + H1 + "\0")]
    [InlineData("openssl\n" + H1 + " *./\0")]
    [InlineData("openssl\n" + H1 + " ./name\0")]
    [InlineData("openssl\n" + H1 + "   name\0")]
    [InlineData("openssl\n" + H1 + " *name\0")]
    [InlineData("openssl\nE3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 *./upper\0")]
    [InlineData("openssl\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b85 *./short\0")]
    [InlineData("openssl\nz3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 *./nothex\0")]
    [InlineData("openssl\n" + X1 + "  ./an xxh128 where sha256 was asked for\0")]
    [InlineData("xxhsum\n" + X1 + "  ./the wrong tool for sha256\0")]
    [InlineData("b3sum\n" + B1 + "  ./the wrong tool for sha256\0")]
    [InlineData("sha256sum\n\\" + H1 + "  ./back\\\\slash escaped by the tool\0")]
    public void BadSha256RecordIsAFormatException(string text) =>
        Assert.Throws<FormatException>(() => HashOutput.Parse(Bytes(text), HashFunction.Sha256));

    [Theory]
    [InlineData("xxhsum\n" + H1 + "  ./a sha256 where xxh128 was asked for\0")]
    [InlineData("xxhsum\n" + "XXH128 " + X1 + "  ./tagged\0")]
    [InlineData("b3sum\n" + X1 + "  ./b3sum cannot compute xxh128\0")]
    [InlineData("xxhsum\n" + X1 + " ./one space\0")]
    public void BadXxh128RecordIsAFormatException(string text) =>
        Assert.Throws<FormatException>(() => HashOutput.Parse(Bytes(text), HashFunction.Xxh128));

    [Theory]
    [InlineData("b3sum\n" + X1 + "  ./too short for blake3\0")]
    [InlineData("b3sum\n\\" + B1 + "  ./new\\nline escaped by b3sum\0")]
    [InlineData("openssl\n" + B1 + "  ./openssl cannot compute blake3\0")]
    public void BadBlake3RecordIsAFormatException(string text) =>
        Assert.Throws<FormatException>(() => HashOutput.Parse(Bytes(text), HashFunction.Blake3));

    [Theory]
    [InlineData("plain.bin", false)]
    [InlineData("sp ace/-dash 모델", false)]
    [InlineData("new\nline", true)]
    [InlineData("carriage\rreturn", true)]
    [InlineData("back\\slash", true)]
    public void NamesAToolMightEscapeAreHashedOneRunEach(string name, bool each) =>
        Assert.Equal(each, HashOutput.NeedsOneRunEach(name));
}

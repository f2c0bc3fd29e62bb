using System.Text;
using ModelSync.Verification;

namespace ModelSync.Tests.Verification;

public sealed class HashOutputTests
{
    private const string H1 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string H2 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void OpensslRecordsAreParsed()
    {
        var (tool, hashes) = HashOutput.Parse(Bytes($"openssl\n{H1} *./config.pbtxt\0{H2} *./1/model.onnx\0"));

        Assert.Equal("openssl", tool);
        Assert.Equal(new Dictionary<string, string> { ["config.pbtxt"] = H1, ["1/model.onnx"] = H2 }, hashes);
    }

    [Fact]
    public void Sha256sumRecordsAreParsed()
    {
        var (tool, hashes) = HashOutput.Parse(Bytes($"sha256sum\n{H1}  ./config.pbtxt\0{H2}  ./1/model.onnx\0"));

        Assert.Equal("sha256sum", tool);
        Assert.Equal(new Dictionary<string, string> { ["config.pbtxt"] = H1, ["1/model.onnx"] = H2 }, hashes);
    }

    [Fact]
    public void MixedRecordsFromBothToolsAreParsed()
    {
        var (_, hashes) = HashOutput.Parse(Bytes($"openssl\n{H1} *./plain\0{H2}  ./with\nnewline\0"));

        Assert.Equal(new Dictionary<string, string> { ["plain"] = H1, ["with\nnewline"] = H2 }, hashes);
    }

    [Theory]
    [InlineData("name with spaces.bin")]
    [InlineData(" leading and trailing ")]
    [InlineData("line\nbreak")]
    [InlineData("trailing newline\n")]
    [InlineData("back\\slash")]
    [InlineData("\\n literally")]
    [InlineData("모델/가중치.onnx")]
    [InlineData("it's \"q\" $(x) `y`")]
    [InlineData("*star")]
    [InlineData("./dot-slash")]
    public void AnyNameButNulSurvives(string name)
    {
        foreach (var separator in new[] { " *./", "  ./" })
        {
            var (_, hashes) = HashOutput.Parse(Bytes($"sha256sum\n{H1}{separator}{name}\0"));

            Assert.Equal(H1, Assert.Single(hashes, kv => kv.Key == name).Value);
        }
    }

    [Fact]
    public void NoRecordsIsAnEmptyResult()
    {
        var (tool, hashes) = HashOutput.Parse(Bytes("openssl\n"));

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
    public void BadRecordIsAFormatException(string text) =>
        Assert.Throws<FormatException>(() => HashOutput.Parse(Bytes(text)));
}

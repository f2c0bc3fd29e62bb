using System.Text;
using ModelSync.Paths;

namespace ModelSync.Tests.Paths;

public sealed class PathBytesTests
{
    public static TheoryData<byte[]> Names => new()
    {
        "weights.bin"u8.ToArray(),
        "모델 동기화.txt"u8.ToArray(),
        "emoji 🤖"u8.ToArray(),
        new byte[] { (byte)'w', 0xff },
        new byte[] { (byte)'w', 0xfe },
        new byte[] { (byte)'c', 0xc3 }, // a two-byte sequence cut short
        new byte[] { 0xed, 0xa0, 0x80 }, // a surrogate encoded as UTF-8, which UTF-8 forbids
        new byte[] { 0xf0, 0x9f, 0xa4 }, // a four-byte sequence cut short
        new byte[] { 0xc0, 0xaf }, // an overlong '/'
        new byte[] { 0x80, 0xbf, 0xfe, 0xff, (byte)'a', 0xe2, 0x82, 0xac, 0xe2, 0x82 },
        new byte[] { 0xed, 0xb3, 0xbf }, // the UTF-8 form of U+DCFF itself, an escape's own code point
        new byte[] { 0xf0, 0x90, 0x82, 0x80 }, // U+10080: its low surrogate, DC80, is no escape
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void DecodeThenEncodeGivesBackTheSameBytes(byte[] name) =>
        Assert.Equal(name, PathBytes.Encode(PathBytes.Decode(name)));

    [Fact]
    public void InvalidBytesBecomeEscapesAndNeverTheReplacementCharacter()
    {
        var ff = PathBytes.Decode([(byte)'w', 0xff]);
        var fe = PathBytes.Decode([(byte)'w', 0xfe]);

        Assert.Equal("w\udcff", ff);
        Assert.Equal("w\udcfe", fe);
        Assert.NotEqual(ff, fe);
        Assert.DoesNotContain('\uFFFD', PathBytes.Decode([0xc3, (byte)'x', 0xed, 0xa0, 0x80]));
        Assert.Equal("\udced\udca0\udc80", PathBytes.Decode([0xed, 0xa0, 0x80]));
    }

    [Fact]
    public void ValidUtf8DecodesAsUtf8()
    {
        Assert.Equal("모델 🤖", PathBytes.Decode("모델 🤖"u8));
        Assert.False(PathBytes.HasEscapes("모델 🤖"));
        Assert.True(PathBytes.HasEscapes(PathBytes.Decode([(byte)'w', 0xff])));
        Assert.False(PathBytes.HasEscapes("\ud800\udc80")); // a pair whose low half lies in the escape range
    }

    [Fact]
    public void ALoneSurrogateThatIsNoEscapeHasNoBytes() =>
        Assert.Throws<EncoderFallbackException>(() => PathBytes.Encode("w\ud800"));

    [Fact]
    public void NulListsAndSplitsRoundTrip()
    {
        string[] names = ["a b", PathBytes.Decode([(byte)'w', 0xff]), "new\nline"];

        var list = PathBytes.NulTerminated(names, "./");

        Assert.Equal([.. "./a b\0./w"u8, 0xff, .. "\0./new\nline\0"u8], list);
        Assert.Equal(["./a b", "./w\udcff", "./new\nline", ""], PathBytes.SplitNul(list));
    }
}

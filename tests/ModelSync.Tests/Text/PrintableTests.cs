using ModelSync.Paths;
using ModelSync.Text;

namespace ModelSync.Tests.Text;

public sealed class PrintableTests
{
    [Theory]
    [InlineData("weights.bin", "weights.bin")]
    [InlineData("모델 동기화.txt", "모델 동기화.txt")]
    [InlineData("emoji 🤖", "emoji 🤖")]
    [InlineData("red\u001b[31m.txt", @"red\x1b[31m.txt")]
    [InlineData("bell\u0007", @"bell\x07")]
    [InlineData("del\u007f", @"del\x7f")]
    [InlineData("c1\u0085\u009b", @"c1\u0085\u009b")]
    [InlineData("new\nline\r\ttab", @"new\nline\r\ttab")]
    [InlineData("back\\slash", @"back\\slash")]
    [InlineData("evil\u202egnp.exe", @"evil\u202egnp.exe")]
    [InlineData("sep\u2028", @"sep\u2028")]
    [InlineData("nul\0", @"nul\x00")]
    public void NameShowsEveryControlEscapedAndNothingElse(string name, string shown) =>
        Assert.Equal(shown, Printable.Name(name));

    [Fact]
    public void BytesThatAreNotUtf8ShowAsHexEscapes()
    {
        Assert.Equal(@"w\xff", Printable.Name(PathBytes.Decode([(byte)'w', 0xff])));
        Assert.Equal(@"sur\xed\xa0\x80", Printable.Name(PathBytes.Decode([.. "sur"u8, 0xed, 0xa0, 0x80])));
        Assert.Equal(@"lone\ud800", Printable.Name("lone\ud800"));
    }

    [Fact]
    public void AByteAndItsEscapeSpelledOutShowDifferently()
    {
        // The byte 0xff and the four characters \xff are different names, and show differently.
        Assert.NotEqual(Printable.Name(PathBytes.Decode([(byte)'w', 0xff])), Printable.Name(@"w\xff"));
    }

    [Fact]
    public void TextKeepsBackslashesAndLineBreaksButEscapesTheRest() =>
        Assert.Equal(@"rm: 'a\b \x1b[2J\x07\r'" + "\n\tnext", Printable.Text("rm: 'a\\b \u001b[2J\u0007\r'\n\tnext"));
}

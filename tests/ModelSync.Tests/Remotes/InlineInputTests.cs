using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>A script's small stdin carried in its command line (feed-input.sh), run by this machine's sh: the bytes arrive as they were.</summary>
public sealed class InlineInputTests
{
    [Fact]
    public void EveryByteReachesTheScriptsStdinUnchanged()
    {
        byte[] input = [.. Enumerable.Range(0, 256).Select(b => (byte)b), .. "\\c'$(x)`\n%s\\0101"u8.ToArray(), 0];

        var fed = InlineInput.FeedArguments("cat; printf 'args:%s|' \"$@\"", ["a b", "'q'"], input)!;
        var output = TestProcess.RunBytes("/bin/sh", ["-c", InlineInput.Feed, "sh", .. fed]);

        Assert.Equal([.. input, .. "args:a b|args:'q'|"u8.ToArray()], output);
    }

    [Fact]
    public void OnlyPrintableAsciiOtherThanTheBackslashAndTheSingleQuoteStaysAsItIs()
    {
        Assert.Equal("a ~\\0134\\0000\\0012\\0377", InlineInput.Escape("a ~\\\0\n"u8.ToArray().Append((byte)0xff).ToArray()));
    }

    [Fact]
    public void AnInputTooLongForOneCommandLineIsLeftToStdin()
    {
        Assert.NotNull(InlineInput.FeedArguments("cat", [], Enumerable.Repeat((byte)'a', InlineInput.MostEscapedChars).ToArray()));
        Assert.NotNull(InlineInput.FeedArguments("cat", [], new byte[InlineInput.MostEscapedChars / 5]));
        Assert.Null(InlineInput.FeedArguments("cat", [], new byte[InlineInput.MostEscapedChars / 5 + 1]));
        Assert.Null(InlineInput.FeedArguments("cat", [], new byte[InlineInput.MostEscapedChars + 1]));
    }

    [Fact]
    public void AnInputOfSingleQuotesIsMeasuredAsTheQuotedCommandLineCarriesIt()
    {
        Assert.Equal("a\\0047b", InlineInput.Escape("a'b"u8));
        Assert.NotNull(InlineInput.FeedArguments("cat", [], Enumerable.Repeat((byte)'\'', InlineInput.MostEscapedChars / 5).ToArray()));
        Assert.Null(InlineInput.FeedArguments("cat", [], Enumerable.Repeat((byte)'\'', InlineInput.MostEscapedChars / 5 + 1).ToArray()));
    }
}

using ModelSync.Paths;
using ModelSync.Text;

namespace ModelSync.Tests.Text;

public sealed class ShellWordsTests
{
    [Theory]
    [InlineData("./RTX3090_N2501_ASR_250820", "./RTX3090_N2501_ASR_250820")]
    [InlineData("alpha:dir/", "alpha:dir/")]
    [InlineData("it's a model", "'it'\\''s a model'")]
    [InlineData("모델", "'모델'")]
    [InlineData("./ctl\u001b[2J\u0007", "$'./ctl\\x1b[2J\\x07'")]
    [InlineData("it's\u0007 a\\b", "$'it\\'s\\x07 a\\\\b'")]
    public void AWordIsQuotedSoThatItPrintsAndRunsAsItIs(string word, string quoted) =>
        Assert.Equal(quoted, ShellWords.Quote(word));

    [Fact]
    public void AByteThatIsNotUtf8IsAHexEscapeInAnsiCQuotes() =>
        Assert.Equal("$'./w\\xff'", ShellWords.Quote(PathBytes.Decode([.. "./w"u8, 0xff])));
}

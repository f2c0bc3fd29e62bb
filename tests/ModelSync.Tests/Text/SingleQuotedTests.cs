using System.Text;
using ModelSync.Text;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Text;

public sealed class SingleQuotedTests
{
    /// <summary>Words a file name or argument may hold that a shell would otherwise interpret.</summary>
    internal static readonly string[] Words =
    [
        "plain",
        "",
        "two words",
        "  leading and trailing  ",
        "it's",
        "'",
        "''",
        "'a'b'c'",
        "say \"hi\"",
        "\"",
        "$(touch /tmp/model-sync-pwned)",
        "`touch /tmp/model-sync-pwned`",
        "${HOME}",
        "$HOME",
        "a;b",
        "a && b || c",
        "a|b>c<d",
        "-rf",
        "--",
        "-n",
        "line1\nline2",
        "trailing newline\n",
        "\n",
        "tab\there",
        "carriage\rreturn",
        "모델",
        "RTX3090_모델_v1 (copy).onnx",
        "emoji 🚀",
        "back\\slash",
        "\\'",
        "*",
        "?",
        "[ab]",
        "~",
        "~root",
        "!bang",
        "#hash",
        "%s%d%n",
        "a\\nb",
        "x=1",
        "{a,b}",
    ];

    public static TheoryData<string> HostileWords => new(Words);

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("", "''")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("'", "''\\'''")]
    [InlineData("$(id)", "'$(id)'")]
    [InlineData("-rf", "'-rf'")]
    public void QuoteSingleQuotesAndEscapesSingleQuotes(string word, string expected) =>
        Assert.Equal(expected, SingleQuoted.Word(word));

    [Theory]
    [MemberData(nameof(HostileWords))]
    public void QuotedWordReachesARealShellByteForByte(string word)
    {
        var output = TestProcess.RunBytes("/bin/sh", ["-c", "printf '%s' " + SingleQuoted.Word(word)]);

        Assert.Equal(Encoding.UTF8.GetBytes(word), output);
    }

    [Fact]
    public void AQuotedLineReachesARealShellAsSeparateArguments()
    {
        var words = Words;

        var output = TestProcess.RunBytes("/bin/sh", ["-c", "printf '%s\\0' " + SingleQuoted.Line(words)]);

        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(words.Select(w => w + "\0"))), output);
    }

    [Fact]
    public void ALineSeparatesQuotedWordsWithOneSpace() =>
        Assert.Equal("'sh' '-c' 'a b' 'it'\\''s'", SingleQuoted.Line(["sh", "-c", "a b", "it's"]));
}

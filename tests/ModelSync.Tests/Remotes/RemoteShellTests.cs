using System.Text;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

public sealed class RemoteShellTests
{
    /// <summary>Words a file name or argument may hold that a shell would otherwise interpret.</summary>
    private static readonly string[] Words =
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
        Assert.Equal(expected, RemoteShell.Quote(word));

    [Theory]
    [MemberData(nameof(HostileWords))]
    public void QuotedWordReachesARealShellByteForByte(string word)
    {
        var output = TestProcess.RunBytes("/bin/sh", ["-c", "printf '%s' " + RemoteShell.Quote(word)]);

        Assert.Equal(Encoding.UTF8.GetBytes(word), output);
    }

    [Fact]
    public void JoinedWordsReachARealShellAsSeparateArguments()
    {
        var words = Words;

        var output = TestProcess.RunBytes("/bin/sh", ["-c", "printf '%s\\0' " + RemoteShell.Join(words)]);

        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(words.Select(w => w + "\0"))), output);
    }

    [Fact]
    public void JoinSeparatesQuotedWordsWithOneSpace() =>
        Assert.Equal("'sh' '-c' 'a b' 'it'\\''s'", RemoteShell.Join(["sh", "-c", "a b", "it's"]));

    [Fact]
    public void ScriptPassesDataOnlyAsPositionalArguments() =>
        Assert.Equal(["sh", "-c", "echo \"$1\"", "sh", "a b", "$(id)"], RemoteShell.Script("echo \"$1\"", ["a b", "$(id)"]));

    [Fact]
    public void ScriptArgumentsReachTheScriptUnchanged()
    {
        var words = Words;
        var argv = RemoteShell.Script("printf '%s\\0' \"$@\"", words);

        var output = TestProcess.RunBytes("/bin/sh", argv.Skip(1));

        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(words.Select(w => w + "\0"))), output);
    }

    [Fact]
    public void JoinedScriptSurvivesTheRemoteLoginShell()
    {
        // What ssh does with the command string: hands it to the login shell as `sh -c <string>`.
        var words = Words;
        var command = RemoteShell.Join(RemoteShell.Script("printf '%s\\0' \"$@\"", words));

        var output = TestProcess.RunBytes("/bin/sh", ["-c", command]);

        Assert.Equal(Encoding.UTF8.GetBytes(string.Concat(words.Select(w => w + "\0"))), output);
    }
}

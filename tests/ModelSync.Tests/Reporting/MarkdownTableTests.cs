using ModelSync.Reporting;

namespace ModelSync.Tests.Reporting;

public sealed class MarkdownTableTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData("a|b", "a\\|b")]
    [InlineData("||", "\\|\\|")]
    [InlineData("line\nbreak", "line\\nbreak")]
    [InlineData("cr\rlf\n", "cr\\rlf\\n")]
    [InlineData("tab\there", "tab\\there")]
    [InlineData("esc\u001b[31m bell\u0007", "esc\\x1b[31m bell\\x07")]
    [InlineData("back\\slash", "back\\\\slash")]
    [InlineData("모델 v1", "모델 v1")]
    [InlineData("a\\|b", "a\\\\\\|b")]
    public void EscapeKeepsACellOnOneLineAndInOneColumn(string cell, string expected) =>
        Assert.Equal(expected, MarkdownTable.Escape(cell));

    [Fact]
    public void WriteToPrintsHeaderSeparatorAndEscapedRows()
    {
        var table = new MarkdownTable("File", "Size").Add("a|b\nc", "1KB").Add("plain", "2MB");
        using var writer = new StringWriter { NewLine = "\n" };

        table.WriteTo(writer);

        Assert.Equal("| File | Size |\n|---|---|\n| a\\|b\\nc | 1KB |\n| plain | 2MB |\n", writer.ToString());
        Assert.Equal(2, table.Count);
    }

    [Fact]
    public void EmptyTableHasHeaderAndSeparatorOnly()
    {
        using var writer = new StringWriter { NewLine = "\n" };

        new MarkdownTable("Alias", "Host", "User").WriteTo(writer);

        Assert.Equal("| Alias | Host | User |\n|---|---|---|\n", writer.ToString());
    }
}

using System.Text;
using ModelSync.Remotes;
using ModelSync.Text;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// The finish's one call with the ranges it takes first is one command line to the remote shell, which Linux caps at
/// 128 KiB (MAX_ARG_STRLEN): its scripts, its arguments and the largest stdin carried inline must fit. The ranged files
/// and directories go on stdin, however many, one printable line each.
/// </summary>
public sealed class RangesFinishStageCommandTests
{
    private const int MaxArgStrlen = 128 * 1024;

    [Fact]
    public void TheScriptsArgumentsAndLargestInlineStdinFitInOneCommandLine()
    {
        var path = "/srv/models/" + new string('p', 200);
        string[] finishStage = [.. Enumerable.Range(0, 19).Select(_ => path)];
        string[] ranges = [path + "/.model-sync-ranges", path, "d", "first"];
        var inline = new string('x', InlineInput.MostEscapedChars);

        var command = SingleQuoted.Line(RemoteShell.Script(InlineInput.Feed,
            [inline, .. RemoteShell.Script(RemoteScripts.RangesFinishStage, ["19", "999999", .. finishStage, .. ranges])]));

        var bytes = Encoding.UTF8.GetByteCount(command);
        Assert.True(bytes < MaxArgStrlen, $"{bytes} bytes");
    }

    [Fact]
    public void EachRangedFileAndDirectoryIsOnePrintableLineWithItsPathLast()
    {
        var hostile = "-rf \n\t'x'\\c\u00e9 end ";
        var input = RangesFinishInput.Lines(
            [new RangedFile("0123abcd", "sub/" + hostile, 3, "2024-05-06T07:08:09.5Z"), new RangedFile("4567ef", "plain name.bin", 1, "2024-05-06T07:08:09Z") { Mode = "00644" }],
            [new StagedDirectory("sub", "00755", "2022-01-02T03:04:05Z"), new StagedDirectory("", "00700", "2022-01-02T03:04:06Z")]);

        var lines = Encoding.ASCII.GetString(input).Split('\n');

        Assert.Equal(
        [
            @"f 0123abcd 3 2024-05-06T07:08:09.5Z - sub/-rf \0012\0011\0047x\0047\0134c\0303\0251 end ",
            "f 4567ef 1 2024-05-06T07:08:09Z 00644 plain name.bin",
            "d 00755 2022-01-02T03:04:05Z sub",
            "d 00700 2022-01-02T03:04:06Z ",
            "e",
            "",
        ], lines);
        Assert.All(input, b => Assert.True(b is (byte)'\n' or >= 0x20 and < 0x7f, $"byte {b}"));
    }
}

using System.Text;
using ModelSync.Remotes;
using ModelSync.Text;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// The finish's one call with the ranges it takes first is one command line to the remote shell, which Linux caps at
/// 128 KiB (MAX_ARG_STRLEN): the largest ranges it is given, its scripts and the largest stdin carried inline must fit.
/// </summary>
public sealed class RangesFinishStageCommandTests
{
    private const int MaxArgStrlen = 128 * 1024;

    [Fact]
    public void TheLargestRangesAndInlineStdinFitInOneCommandLine()
    {
        var path = "/srv/models/" + new string('p', 200);
        var directories = new List<string> { path + "/.model-sync-ranges", path, "d", "first", "-" };
        for (var i = 0; Encoding.UTF8.GetByteCount(SingleQuoted.Line(directories)) <= ShellRemote.MostRangesArgumentBytes; i++)
            directories.AddRange([$"dir-{i:D5}/" + new string('d', 40), "00755", "2024-05-06T07:08:09.123456789Z"]);
        string[] finishStage = [.. Enumerable.Range(0, 18).Select(_ => path)];
        var inline = new string('x', InlineInput.MostEscapedChars);

        var command = SingleQuoted.Line(RemoteShell.Script(InlineInput.Feed,
            [inline, .. RemoteShell.Script(RemoteScripts.RangesFinishStage, ["18", .. finishStage, .. directories])]));

        var bytes = Encoding.UTF8.GetByteCount(command);
        Assert.True(bytes < MaxArgStrlen, $"{bytes} bytes");
    }
}

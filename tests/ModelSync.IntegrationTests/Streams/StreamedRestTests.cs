using System.Runtime.Versioning;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A streamed first send into the empty stage it made needs no rsync after the streams: the call that moves the
/// ranged files into the stage (a push's: the one that verifies and publishes) also sets what <c>rsync -rlpt</c> would have (the ranged files' modes, every
/// directory's mode and mtime, made if no file went into it). A model with a link still has rsync send the link.
/// Read from <c>MODEL_SYNC_TRACE=1</c>: which processes ran, not how long they took.
/// </summary>
[Collection("sshd")]
[SupportedOSPlatform("linux")]
public sealed class StreamedRestTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupReadable = Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    [Fact]
    public async Task AStreamedFirstPushAndPullSetModesAndDirectoryTimesWithoutRsync()
    {
        var name = "rest-" + Id;
        var tree = Tree(name)
            .RandomFile("bin/run.bin", 3 * 1024 * 1024 + 11, seed: 21)
            .RandomFile("weights/model.bin", 2 * 1024 * 1024, seed: 22)
            .File("private/config.json", "{}")
            .File("old/deep/notes.txt", "notes")
            .RandomFile("odd\nname -- $(x)/part.bin", 2 * 1024 * 1024 + 3, seed: 23)
            .Dir("empty/inner")
            .SetAllTimes(DateTime.UtcNow.AddHours(-1));
        File.SetUnixFileMode(tree.PathOf("bin/run.bin"), ModeBits.Executable);
        File.SetUnixFileMode(tree.PathOf("private"), Private);
        File.SetUnixFileMode(tree.PathOf("empty/inner"), GroupReadable);
        File.SetUnixFileMode(tree.Root, GroupReadable);
        Directory.SetLastWriteTimeUtc(tree.PathOf("old/deep"), new DateTime(2020, 2, 3, 4, 5, 6, DateTimeKind.Utc).AddTicks(1234567));
        Directory.SetLastWriteTimeUtc(tree.PathOf("old"), new DateTime(2019, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        Directory.SetLastWriteTimeUtc(tree.PathOf("empty/inner"), new DateTime(2018, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        Directory.SetLastWriteTimeUtc(tree.Root, new DateTime(2017, 1, 2, 3, 4, 5, DateTimeKind.Utc));

        var push = await TracedAsync("push", "./" + name, "alpha:" + name, "--streams", "2");

        var onServer = Path.Combine(Sshd.BaseA, name);
        TreeComparer.AssertSameTree(tree.Root, onServer);
        AssertSameModesAndTimes(tree.Root, onServer);
        // A push's ranged files go into place in the call that verifies and publishes; a pull's (here) in a process of their own.
        AssertNoRsyncAfterTheStreams(push, "ranges-finish-stage.sh");
        CliAssert.StdoutContains(push, "| Transport | 2 parallel streams to alpha", "Verified | yes (5 files");

        var pull = await TracedAsync("pull", "alpha:" + name, "./back/", "--streams", "2");

        var back = Path.Combine(Work, "back", name);
        TreeComparer.AssertSameTree(tree.Root, back);
        AssertSameModesAndTimes(tree.Root, back);
        AssertNoRsyncAfterTheStreams(pull, "ranges-finish.sh");
    }

    [Fact]
    public async Task AStreamedModelWithALinkStillHasRsyncSendTheLink()
    {
        var name = "rest-link-" + Id;
        var tree = Tree(name).RandomFile("model.bin", 3 * 1024 * 1024, seed: 24).Symlink("latest", "model.bin").SetAllTimes(DateTime.UtcNow.AddHours(-1));

        var push = await TracedAsync("push", "./" + name, "alpha:" + name, "--streams", "2");

        var onServer = Path.Combine(Sshd.BaseA, name);
        TreeComparer.AssertSameTree(tree.Root, onServer);
        Assert.Equal("model.bin", new FileInfo(Path.Combine(onServer, "latest")).LinkTarget);
        var lines = TraceLines(push);
        var finished = lines.FindIndex(l => l.Contains("[ranges-finish.sh]", StringComparison.Ordinal));
        Assert.True(finished >= 0, push.Stderr);
        Assert.Contains(lines.Skip(finished), IsRsync);
    }

    private async Task<CliResult> TracedAsync(params string[] args)
    {
        var result = await CliRunner.RunAsync(args, ConfigPath, new Dictionary<string, string>(StreamTransferTests.SmallRanges) { ["MODEL_SYNC_TRACE"] = "1" }, Work);
        CliAssert.Exit(result, 0);
        return result;
    }

    private static List<string> TraceLines(CliResult result) => [.. result.Stderr.Split('\n').Where(l => l.StartsWith("trace: ", StringComparison.Ordinal))];

    /// <summary>An rsync run of a transfer: every one starts its arguments so (RsyncArgs).</summary>
    private static bool IsRsync(string traceLine) => traceLine.Contains(" -rlpt ", StringComparison.Ordinal);

    private static void AssertNoRsyncAfterTheStreams(CliResult result, string rangesFinishedBy)
    {
        var lines = TraceLines(result);
        Assert.Contains(lines, l => l.Contains($"[{rangesFinishedBy}]", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, IsRsync);
    }

    /// <summary>Every file's and directory's mode, the root's included, and every directory's and file's mtime.</summary>
    private static void AssertSameModesAndTimes(string expected, string actual)
    {
        Assert.Equal(File.GetUnixFileMode(expected), File.GetUnixFileMode(actual));
        Assert.Equal(Directory.GetLastWriteTimeUtc(expected), Directory.GetLastWriteTimeUtc(actual));
        foreach (var entry in new DirectoryInfo(expected).EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Where(e => e.LinkTarget is null))
        {
            var there = Path.Combine(actual, Path.GetRelativePath(expected, entry.FullName));
            Assert.True(File.GetUnixFileMode(entry.FullName) == File.GetUnixFileMode(there), $"{there}: mode {File.GetUnixFileMode(there)}, expected {File.GetUnixFileMode(entry.FullName)}");
            var when = entry is DirectoryInfo ? Directory.GetLastWriteTimeUtc(there) : File.GetLastWriteTimeUtc(there);
            Assert.True(entry.LastWriteTimeUtc == when, $"{there}: mtime {when:O}, expected {entry.LastWriteTimeUtc:O}");
        }
    }
}

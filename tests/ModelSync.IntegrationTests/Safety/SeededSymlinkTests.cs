using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A stage is seeded by hard links of the live version (or of a basis version), and GNU <c>cp -al</c> hard-links
/// symlinks too. rsync then sets a link's mtime with lutimes when the source's differs: on a link the stage shares
/// with a published version, that would change the published version's link. Each symlink in a seeded stage must
/// be an inode of its own.
/// </summary>
[Collection("sshd")]
public sealed class SeededSymlinkTests(SshdFixture sshd) : SshdTestBase(sshd), IDisposable
{
    private const string Old = "RTX3090_N2501_ASR_250715";
    private const string New = "RTX3090_N2501_ASR_250820";
    private const string LinkTime = "2021-03-04 05:06:07.123456789 +0000";
    private const int Large = 8 << 20;

    private string OddName => "oddlinks-" + Id;

    /// <summary>
    /// The basis seeds a new version's stage with the files both share, never their links (the conformance tests
    /// cover a link named as a file); the links rsync makes in the stage get the source's times.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ANewVersionPushedWithABasisLeavesTheBasisSymlinksInodeAndTimeAsTheyWere(bool named)
    {
        var dir = "linkbasis-" + Id;
        Tree(Old).File("1/model.onnx", "weights v1").Symlink("1/current", "model.onnx").Symlink("latest", "1").File("config.pbtxt", "v1");
        await CliOk("push", Old, $"alpha:{dir}/{Old}");
        var basis = Path.Combine(Sshd.BaseA, dir, Old);
        var before = LinkStates(basis);
        TestProcess.RunBytes("cp", ["-a", Path.Combine(Work, Old), Path.Combine(Work, New)]);
        Tree(New).File("config.pbtxt", "v2");
        SetLinkTime(Path.Combine(Work, New, "1", "current"));
        SetLinkTime(Path.Combine(Work, New, "latest"));

        var push = CliAssert.Json(await CliOk(["push", New, $"alpha:{dir}/{New}", "--json", .. named ? new[] { "--basis", Old } : []])).RootElement;

        Assert.Equal(Old, push.GetProperty("basis").GetProperty("name").GetString());
        Assert.Equal(before, LinkStates(basis));
        Assert.Equal(LinkMtime(Path.Combine(Work, New, "1", "current")), LinkMtime(Path.Combine(Sshd.BaseA, dir, New, "1", "current")));
    }

    [Fact]
    public async Task APushKilledAfterTheLinksWereStagedLeavesTheLiveVersionsSymlinksAloneOverSsh()
    {
        var dir = "linkseed-" + Id;
        await KilledRepushLeavesLiveLinksAloneAsync(Path.Combine(Sshd.BaseA, dir, New), $"alpha:{dir}/{New}");
    }

    [Fact]
    public async Task APushKilledAfterTheLinksWereStagedLeavesTheLiveVersionsSymlinksAloneOnALocalAlias()
    {
        var dir = "linkseed-" + Id;
        // A bandwidth limit makes a local push use rsync, which is what sets a link's time.
        await KilledRepushLeavesLiveLinksAloneAsync(Path.Combine(Sshd.LocalBase, dir, New), $"local:{dir}/{New}");
    }

    /// <summary>
    /// Links named with a newline and a byte that is not UTF-8, one pointing at a name with a newline: the re-push
    /// seeds its stage from the live version, makes those links its own, and publishes them with the source's times.
    /// </summary>
    [Fact]
    public async Task ARepushSeedsAndPublishesLinksWhoseNamesAndTargetsHaveOddBytes()
    {
        var name = OddName;
        var source = Tree(name).RandomFile("weights.bin", 1 << 20, 1).Root;
        TestProcess.RunBytes("/bin/sh", ["-c", """
            cd -- "$1" || exit 1
            odd=$(printf 'l\n\377k'; printf x); odd=${odd%x}
            mkdir -p -- "d$odd" && ln -s "$(printf '../weights\n.bin')" "d$odd/$odd" && ln -s weights.bin "$odd"
            """, "sh", source]);
        await CliOk("push", "./" + name, "alpha:" + name);
        var target = Path.Combine(Sshd.BaseA, name);
        Tree(name).RandomFile("weights.bin", 1 << 20, 2);
        TestProcess.RunBytes("/bin/sh", ["-c", """cd -- "$1" && find . -type l -exec touch -h -d '2021-03-04 05:06:07' {} +""", "sh", source]);

        var again = await CliOk("push", "./" + name, "alpha:" + name);

        CliAssert.StdoutContains(again, "| Verified | yes (1 file");
        Assert.Equal(OddLinks(source), OddLinks(target));
        Assert.Equal(2, OddLinks(target).Split('\0', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    /// <summary>
    /// Re-pushes a changed model whose links differ only in their mtime, kills the push once rsync writes the large
    /// file (sorted after the links, so rsync has set their times by then), and compares the live links and the stage's.
    /// </summary>
    private async Task KilledRepushLeavesLiveLinksAloneAsync(string target, string address)
    {
        Tree(New).RandomFile("weights.bin", Large, 1).File("config.pbtxt", "v1").Symlink("current", "weights.bin").Symlink("sub/back", "../config.pbtxt");
        await CliOk("push", New, address);
        var before = LinkStates(target);
        Tree(New).RandomFile("weights.bin", Large, 2);
        SetLinkTime(Path.Combine(Work, New, "current"));
        SetLinkTime(Path.Combine(Work, New, "sub", "back"));
        var stage = Path.Combine(Path.GetDirectoryName(target)!, ".model-sync-stage." + New);

        using (var cli = CliRunner.Start(["push", New, address, "--bwlimit", "1000"], ConfigPath, workingDirectory: Work))
        {
            await Eventually.TrueAsync(() => RsyncWritesWeights(stage), TimeSpan.FromSeconds(60), "rsync writing the new weights into the stage");
            cli.Kill(entireProcessTree: false);
            await cli.WaitForExitAsync();
        }

        Assert.Equal(before, LinkStates(target));
        Assert.True(Directory.Exists(stage), "the killed push leaves its stage for the rerun");
        foreach (var link in new[] { "current", Path.Combine("sub", "back") })
            Assert.NotEqual(Inode(Path.Combine(target, link)), Inode(Path.Combine(stage, link)));
    }

    /// <summary>rsync's temporary file for the weights (<c>.weights.bin.XXXXXX</c>) is in the stage.</summary>
    private static bool RsyncWritesWeights(string stage)
    {
        try
        {
            return Directory.Exists(stage) && new DirectoryInfo(stage).EnumerateFiles(".weights.bin.*").Any(f => f.Length > 0);
        }
        catch (IOException)
        {
            return false; // renamed while we looked
        }
    }

    /// <summary>Every symlink below <paramref name="version"/>: its path, inode and own (lstat) mtime.</summary>
    private static string LinkStates(string version) => string.Join('\n', Directory.EnumerateFileSystemEntries(version, "*", SearchOption.AllDirectories)
        .Where(p => new FileInfo(p).LinkTarget is not null)
        .Order(StringComparer.Ordinal)
        .Select(p => $"{Path.GetRelativePath(version, p)} {LinkState(p)}"));

    /// <summary>stat(1) without -L: the link's own inode and mtime, nanoseconds included.</summary>
    private static string LinkState(string link) => System.Text.Encoding.UTF8.GetString(TestProcess.RunBytes("stat", ["-c", "%i %y", link])).Trim();

    private static string LinkMtime(string link) => System.Text.Encoding.UTF8.GetString(TestProcess.RunBytes("stat", ["-c", "%y", link])).Trim();

    private static void SetLinkTime(string link) => TestProcess.RunBytes("touch", ["-h", "-d", LinkTime, link]);

    /// <summary>Each link below <paramref name="root"/>, by its bytes: name, target, own mtime (seconds), NUL-separated and sorted.</summary>
    private static string OddLinks(string root) => System.Text.Encoding.Latin1.GetString(TestProcess.RunBytes("/bin/sh",
        ["-c", """cd -- "$1" && find . -type l -printf '%P|%l|%Ts\0' | sort -z""", "sh", root]));

    /// <summary>System.IO cannot remove a name that is not UTF-8: sh removes what the odd-bytes test left here and on the server.</summary>
    public void Dispose()
    {
        ByteNames.Remove(Work);
        ByteNames.Remove(Path.Combine(Sshd.BaseA, OddName));
    }

    private static long Inode(string path) => long.Parse(LinkState(path).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}

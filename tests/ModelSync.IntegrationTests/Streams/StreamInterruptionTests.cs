using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A streamed push cut short halfway through a file's ranges: the published version keeps its bytes and inodes
/// (the stage holds hard links of them, and nothing is ever written into those), the rerun sends only the ranges
/// that had not arrived, and no range record ever reaches the published model, whichever way the rerun sends.
/// </summary>
[Collection("sshd")]
public sealed partial class StreamInterruptionTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const int BigSize = 24 * 1024 * 1024;
    private const int Ranges = BigSize / (1024 * 1024);

    [Fact]
    public async Task AKilledRangedPushLeavesThePublishedVersionAloneAndTheRerunPublishesIt()
    {
        var (name, source, _) = await KillHalfwayAsync();

        var rerun = await CliRunner.RunAsync(["push", "./" + name, "alpha:" + name, "--streams", "2", "--json"], ConfigPath, StreamTransferTests.SmallRanges, Work);

        CliAssert.Exit(rerun, 0);
        using var json = JsonDocument.Parse(rerun.Stdout);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        AssertPublished(name, source);
    }

    [Fact]
    public async Task TheRerunOfAKilledRangedPushSendsOnlyTheMissingRanges()
    {
        var (name, source, killedAt) = await KillHalfwayAsync();

        // Traced: this failed twice under the whole suite's load (every range sent again) and never since, alone or not.
        var traced = new Dictionary<string, string>(StreamTransferTests.SmallRanges) { ["MODEL_SYNC_TRACE"] = "1" };
        var rerun = await CliRunner.RunAsync(["push", "./" + name, "alpha:" + name, "--streams", "2", "--json"], ConfigPath, traced, Work);

        CliAssert.Exit(rerun, 0);
        using var json = JsonDocument.Parse(rerun.Stdout);
        var transport = json.RootElement.GetProperty("transport").GetString()!;
        var resent = int.Parse(RangeCount().Match(transport).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(resent <= Ranges - killedAt, $"{killedAt} of {Ranges} ranges had arrived, yet the rerun sent {resent}: {transport}\n{rerun.Stderr}");
        AssertPublished(name, source);
    }

    [Fact]
    public async Task ARerunByRsyncAloneAfterAKilledRangedPushPublishesNoRangeRecord()
    {
        var (name, source, _) = await KillHalfwayAsync();

        var rerun = await CliRunner.RunAsync(["push", "./" + name, "alpha:" + name, "--streams", "1"], ConfigPath, StreamTransferTests.SmallRanges, Work);

        CliAssert.Exit(rerun, 0);
        CliAssert.StdoutContains(rerun, "| Transport | rsync over ssh", "Verified | yes");
        AssertPublished(name, source);
    }

    [Fact]
    public async Task StreamsDroppedBySshdRestartingAreReopenedAndTheirRangesSentAgain()
    {
        var name = "rangedrop-" + Id;
        var source = Tree(name).File("config.json", "{}").RandomFile("weights.bin", BigSize / 2, seed: 8).Root;
        var records = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name, ".model-sync-ranges");

        using var cli = CliRunner.Start(["push", "./" + name, "alpha:" + name, "--streams", "2", "--bwlimit", "2000", "--retries", "4"],
            ConfigPath, StreamTransferTests.SmallRanges, Work);
        await Eventually.TrueAsync(() => Done(records) >= 2, TimeSpan.FromSeconds(60), "the streams to be under way");
        await Sshd.RestartAsync();
        var result = await CliRunner.WaitAsync(cli, ["push"]);

        CliAssert.Exit(result, 0);
        Assert.True(Regex.IsMatch(result.Stderr, @"stream \d: [^\n]*; trying again in 1 s \(try 2 of 4\)"), result.ToString());
        CliAssert.StdoutContains(result, "Verified | yes (2 files, sha256");
        AssertPublished(name, source);
    }

    /// <summary>
    /// Publishes a first version, then pushes a second one (a changed file for rsync, a new big file in ranges) over
    /// two streams and kills model-sync alone once some ranges arrived. Returns how many had by then.
    /// </summary>
    private async Task<(string Name, string Source, int KilledAt)> KillHalfwayAsync()
    {
        var name = "rangekill-" + Id;
        var tree = Tree(name).File("config.json", "{\"v\": 1}").RandomFile("tokenizer.bin", 3 * 1024 * 1024, seed: 6);
        await CliOk("push", "./" + name, "alpha:" + name);
        var target = Path.Combine(Sshd.BaseA, name);
        var published = Files(target);

        tree.File("config.json", "{\"v\": 2}").RandomFile("weights.bin", BigSize, seed: 7);
        var records = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name, ".model-sync-ranges");
        int killedAt;
        using (var cli = CliRunner.Start(["push", "./" + name, "alpha:" + name, "--streams", "2", "--bwlimit", "4000"], ConfigPath, StreamTransferTests.SmallRanges, Work))
        {
            await Eventually.TrueAsync(() => Done(records) >= Ranges / 3, TimeSpan.FromSeconds(60), "a third of the ranges to arrive");
            killedAt = Done(records);
            cli.Kill(entireProcessTree: false); // SIGKILL model-sync alone: its streams must not carry on unattended
            await cli.WaitForExitAsync();
        }

        Assert.True(killedAt < Ranges, "the push finished before it could be killed");
        Assert.False(File.Exists(Path.Combine(target, "weights.bin")), "an interrupted push must not publish anything");
        Assert.Equal(published, Files(target));
        return (name, tree.Root, killedAt);
    }

    private void AssertPublished(string name, string source)
    {
        var target = Path.Combine(Sshd.BaseA, name);
        TreeComparer.AssertSameTree(source, target);
        Assert.False(Directory.Exists(Path.Combine(target, ".model-sync-ranges")), "a range record was published");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Sshd.BaseA, ".model-sync-*" + name));
    }

    /// <summary>Each file's inode and bytes.</summary>
    private static SortedDictionary<string, (long Inode, string Bytes)> Files(string root) =>
        new(Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f),
            f => (Inode(f), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f))))), StringComparer.Ordinal);

    private static int Done(string records) =>
        Directory.Exists(records) ? Directory.EnumerateFiles(records, "done.*", SearchOption.AllDirectories).Count() : 0;

    private static long Inode(string path) =>
        long.Parse(Encoding.UTF8.GetString(TestProcess.RunBytes("stat", ["-c", "%i", path])).Trim(), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"in (\d+) byte ranges?")]
    private static partial Regex RangeCount();
}

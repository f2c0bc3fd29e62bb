using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A streamed first push with nothing left for rsync moves its ranged files into place in the call that verifies and
/// publishes. When they cannot be put in place that call fails before anything is hashed or published, saying so; the
/// rerun finds the stage no longer empty and its part files still there, and finishes by the streams' records and rsync.
/// </summary>
[Collection("sshd")]
public sealed class RangesFinishStageTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task ARangedFileThatCannotBePutInPlaceFailsTheFinishCallPublishingNothingAndTheRerunFinishes()
    {
        var name = "rfin-" + Id;
        var source = Tree(name).File("config.json", "{}").RandomFile("weights.bin", 6 * 1024 * 1024, seed: 41).SetAllTimes(DateTime.UtcNow.AddHours(-1)).Root;
        var target = Path.Combine(Sshd.BaseA, name);
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);
        var records = Path.Combine(stage, ".model-sync-ranges");
        var traced = new Dictionary<string, string>(StreamTransferTests.SmallRanges) { ["MODEL_SYNC_TRACE"] = "1" };

        CliResult failed;
        using (var cli = CliRunner.Start(["push", "./" + name, "alpha:" + name, "--streams", "2", "--bwlimit", "2000"], ConfigPath, traced, Work))
        {
            // Once the stage was made empty and the ranges are under way: a directory no rename can replace, where the big file goes.
            await Eventually.TrueAsync(() => Directory.Exists(records) && Directory.EnumerateFiles(records, "done.*", SearchOption.AllDirectories).Any(),
                TimeSpan.FromSeconds(60), "the ranges to be under way");
            Directory.CreateDirectory(Path.Combine(stage, "weights.bin", "in the way"));
            failed = await CliRunner.WaitAsync(cli, ["push"]);
        }

        CliAssert.Error(failed, 1, "could not move the files sent in ranges into the staging area on alpha");
        Assert.Contains(failed.Stderr.Split('\n'), l => l.Contains("[ranges-finish-stage.sh]", StringComparison.Ordinal));
        Assert.False(Path.Exists(target), "nothing may be published");
        Assert.True(File.Exists(Path.Combine(stage, "config.json")), failed.Stderr);
        Assert.NotEmpty(Directory.EnumerateFiles(records, "part", SearchOption.AllDirectories));

        Directory.Delete(Path.Combine(stage, "weights.bin"), recursive: true);
        // --bwlimit too: every range arrived before, so no stream has anything left to share the limit with.
        var rerun = await CliRunner.RunAsync(["push", "./" + name, "alpha:" + name, "--streams", "2", "--bwlimit", "100000"], ConfigPath, traced, Work);

        CliAssert.Exit(rerun, 0);
        CliAssert.StdoutContains(rerun, "Verified | yes (2 files");
        var lines = rerun.Stderr.Split('\n').ToList();
        Assert.True(lines.FindIndex(l => l.Contains("[ranges-finish.sh]", StringComparison.Ordinal)) is var placed and >= 0
            && placed < lines.FindIndex(l => l.Contains(" -rlpt ", StringComparison.Ordinal)), rerun.Stderr);
        TreeComparer.AssertSameTree(source, target);
        Assert.False(Directory.Exists(Path.Combine(target, ".model-sync-ranges")), "a range record was published");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Sshd.BaseA, ".model-sync-*" + name));
    }
}

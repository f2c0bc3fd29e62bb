using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A target file system that fills up after the preflight passed: the push fails with one clear line, the
/// previous version stays served, and the stage waits for a rerun.
/// </summary>
[Collection("sshd")]
public sealed class SpaceTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task RunningOutOfSpaceMidTransferFailsCleanlyAndKeepsTheOldVersion()
    {
        var small = Path.Combine(Work, "small-fs");
        Directory.CreateDirectory(small);
        await using var mount = await TmpfsMount.MountAsync(small, "size=8m");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", small));
        Tree("m").File("config.pbtxt", "v1");
        CliAssert.Exit(await CliWith(config, "push", "./m", "alpha"), 0);
        Tree("m").RandomFile("1/model.plan", 4 * 1024 * 1024, seed: 11).File("config.pbtxt", "v2");

        using var cli = CliRunner.Start(["push", "./m", "alpha", "--bwlimit", "1000", "--retries", "1"], config, workingDirectory: Work);
        await Eventually.TrueAsync(() => LargestFile.Below(Path.Combine(small, ".model-sync-stage.m")) > 0, TimeSpan.FromSeconds(30), "the transfer to start");
        await FillAsync(Path.Combine(small, "filler.bin"));
        var result = await CliRunner.WaitAsync(cli, ["push"]);

        CliAssert.Error(result, 1, "no space left on alpha");
        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Combine(small, "m", "config.pbtxt")));
        Assert.False(File.Exists(Path.Combine(small, "m", "1", "model.plan")));
    }

    [Fact]
    public async Task AfterAFullDiskIsFreedTheSameCommandResumesFromTheStageAndVerifies()
    {
        var small = Path.Combine(Work, "small-fs");
        await using var mount = await TmpfsMount.MountAsync(small, "size=8m");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", small));
        var tree = Tree("m").File("config.pbtxt", "v2")
            .RandomFile("1/a.bin", 2 * 1024 * 1024, seed: 21).RandomFile("1/b.bin", 2 * 1024 * 1024, seed: 22).RandomFile("1/c.bin", 2 * 1024 * 1024, seed: 23);
        var stage = Path.Combine(small, ".model-sync-stage.m");
        var filler = Path.Combine(small, "filler.bin");

        string[] push = ["push", "./m", "alpha", "--bwlimit", "1000", "--retries", "1"];
        using var cli = CliRunner.Start(push, config, workingDirectory: Work);
        // Two of the three shards whole in the stage.
        await Eventually.TrueAsync(() => new FileInfo(Path.Combine(stage, "1", "b.bin")) is { Exists: true, Length: 2 * 1024 * 1024 }, TimeSpan.FromSeconds(60), "two shards to arrive");
        await FillAsync(filler);
        CliAssert.Error(await CliRunner.WaitAsync(cli, push), 1, "no space left on alpha");

        // Still full: refused before anything moves, naming what the stage holds and how to drop it.
        var refused = await CliWith(config, "push", "./m", "alpha");
        CliAssert.Error(refused, 1, "not enough space on alpha", stage, "rm -rf");

        File.Delete(filler);
        var resumed = await CliWith(config, "--json", "push", "./m", "alpha");

        CliAssert.Exit(resumed, 0);
        TreeComparer.AssertSameTree(tree.Root, Path.Combine(small, "m"));
        using var json = CliAssert.Json(resumed);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean(), resumed.ToString());
        Assert.True(json.RootElement.GetProperty("bytes_sent").GetInt64() < 3 * 1024 * 1024, "the shards already in the stage were sent again\n" + resumed);
    }

    [Fact]
    public async Task AStageThatLeavesNoRoomIsNamedWithItsSizeAndThePrintedCommandDropsIt()
    {
        var small = Path.Combine(Work, "small-fs");
        await using var mount = await TmpfsMount.MountAsync(small, "size=8m");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", small));
        // What an interrupted push of other weights left: nothing the new version can use.
        var stage = new TreeBuilder(Path.Combine(small, ".model-sync-stage.m")).RandomFile("1/old.bin", 5_000_000, seed: 31);
        var tree = Tree("m").RandomFile("1/new.bin", 3_300_000, seed: 32);

        var refused = await CliWith(config, "push", "./m", "alpha");

        var line = CliAssert.Error(refused, 1, "not enough space on alpha", stage.Root, "4.77MiB");
        var drop = await PrintedCommand.RunAsync(PrintedCommand.Extract(line, "model-sync "), config, Work);
        Assert.True(drop.ExitCode == 0, drop.ToString());
        Assert.False(Path.Exists(stage.Root), "the printed command left the stage");
        CliAssert.Exit(await CliWith(config, "push", "./m", "alpha"), 0);
        TreeComparer.AssertSameTree(tree.Root, Path.Combine(small, "m"));
    }

    /// <summary>Writes until the file system says no more.</summary>
    private static async Task FillAsync(string path)
    {
        var block = new byte[64 * 1024];
        await using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        try
        {
            while (true) await stream.WriteAsync(block);
        }
        catch (IOException)
        {
            // Full: exactly what this test needs.
        }
    }
}

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
    public async Task Running_out_of_space_mid_transfer_fails_cleanly_and_keeps_the_old_version()
    {
        var small = Path.Combine(Work, "small-fs");
        Directory.CreateDirectory(small);
        await using var mount = await TmpfsMount.MountAsync(small, "size=8m");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", small));
        Tree("m").File("config.pbtxt", "v1");
        CliAssert.Exit(await CliWith(config, "push", "./m", "alpha"), 0);
        Tree("m").RandomFile("1/model.plan", 4 * 1024 * 1024, seed: 11).File("config.pbtxt", "v2");

        using var cli = CliRunner.Start(["push", "./m", "alpha", "--bwlimit", "1000", "--retries", "1"], config, workingDirectory: Work);
        await Poll.UntilAsync(() => Poll.LargestFile(Path.Combine(small, ".model-sync-stage.m")) > 0, TimeSpan.FromSeconds(30), "the transfer to start");
        await FillAsync(Path.Combine(small, "filler.bin"));
        var result = await CliRunner.WaitAsync(cli, ["push"]);

        CliAssert.Error(result, 1, "no space left on alpha");
        Assert.Equal("v1", await File.ReadAllTextAsync(Path.Combine(small, "m", "config.pbtxt")));
        Assert.False(File.Exists(Path.Combine(small, "m", "1", "model.plan")));
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

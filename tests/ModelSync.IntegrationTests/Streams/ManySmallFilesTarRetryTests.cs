using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A connection dropped during a many-small-files tar is retried within the run: the retry sends what the stage lacks
/// (by rsync, as the rerun of a killed run does), not the whole model again by tar.
/// </summary>
[Collection("sshd")]
public sealed partial class ManySmallFilesTarRetryTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task ARetryAfterADropDuringTheTarDoesNotSendTheWholeModelAgain()
    {
        var name = "tarretry-" + Id;
        var tree = Tree(name).File("config.pbtxt", "max_batch_size: 8");
        for (var i = 0; i < 300; i++) tree.RandomFile($"1/part-{i:D4}.bin", 20_000 + i, seed: i);
        tree.SetAllTimes(DateTime.UtcNow.AddHours(-1));
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);

        using var cli = CliRunner.Start(["push", tree.Root, "alpha:" + name, "--bwlimit", "1000", "--retries", "3", "--json"],
            ConfigPath, new Dictionary<string, string> { ["MODEL_SYNC_TRACE"] = "1" }, Work);
        await Eventually.TrueAsync(() => FilesBelow(stage) >= 150, TimeSpan.FromSeconds(60), "half the files in the stage");
        await Sshd.RestartAsync();
        var result = await CliRunner.WaitAsync(cli, ["push"], TimeSpan.FromSeconds(120));

        CliAssert.Exit(result, 0);
        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Sshd.BaseA, name));
        var tars = result.Stderr.Split('\n').Count(l => TarSend().IsMatch(l));
        Assert.True(tars <= 1, $"the model went by tar {tars} times:\n{result.Stderr}");
    }

    private static int FilesBelow(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count() : 0;

    [GeneratedRegex(@"^trace: .* exit +-?\d+ (/bin/sh|ssh) \[tar-send\.sh\]")]
    private static partial Regex TarSend();
}

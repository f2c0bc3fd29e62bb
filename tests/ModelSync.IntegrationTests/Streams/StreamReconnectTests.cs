using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// One dropped connection costs a stream the item it was moving, not every item after it: each item's first try is
/// opened ahead on the connection of the moment, which the retry of the item before it reopens.
/// </summary>
[Collection("sshd")]
public sealed partial class StreamReconnectTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task OneDropCostsAStreamAtMostTwoRetriesNotOnePerItemAfterIt()
    {
        var name = "cascade-" + Id;
        var source = Tree(name).File("config.json", "{}").RandomFile("weights.bin", 12 * 1024 * 1024, seed: 9).Root;
        var records = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name, ".model-sync-ranges");

        // 1 MiB ranges at 500 KiB/s a stream: each range moves for 2 s, longer than the 1 s before a retry reconnects.
        using var cli = CliRunner.Start(["push", "./" + name, "alpha:" + name, "--streams", "2", "--bwlimit", "1000", "--retries", "4"],
            ConfigPath, StreamTransferTests.SmallRanges, Work);
        await Eventually.TrueAsync(() => Done(records) >= 2, TimeSpan.FromSeconds(60), "the streams to be under way");
        await Sshd.RestartAsync();
        var result = await CliRunner.WaitAsync(cli, ["push"]);

        CliAssert.Exit(result, 0);
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, name));
        var retries = result.Stderr.Split('\n').Select(l => Retry().Match(l)).Where(m => m.Success).GroupBy(m => m.Groups[1].Value).ToList();
        Assert.All(retries, stream => Assert.True(stream.Count() <= 2, $"stream {stream.Key} retried {stream.Count()} times after one drop:\n{result.Stderr}"));
    }

    private static int Done(string records) =>
        Directory.Exists(records) ? Directory.EnumerateFiles(records, "done.*", SearchOption.AllDirectories).Count() : 0;

    [GeneratedRegex(@"stream (\d): [^\n]*; trying again in")]
    private static partial Regex Retry();
}

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A streamed send into the stage this run made that fails as a whole (its streams gave up on a server that stayed
/// down) is tried again within the run. The retry lists the stage and the ranges' records, as a rerun does: the stage
/// is no longer as the run made it, and what the first try moved is not sent again.
/// </summary>
[Collection("sshd")]
public sealed partial class StreamSendRetryTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const int Ranges = 12;

    [Fact]
    public async Task ARetriedSendListsTheStageAndSendsOnlyTheRangesTheFirstTryDidNotFinish()
    {
        var name = "sendretry-" + Id;
        var source = Tree(name).File("config.json", "{}").RandomFile("weights.bin", Ranges * 1024 * 1024, seed: 31).SetAllTimes(DateTime.UtcNow.AddHours(-1)).Root;
        var records = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name, ".model-sync-ranges");
        string[] args = ["push", "./" + name, "alpha:" + name, "--streams", "2", "--bwlimit", "1000", "--retries", "5"];

        // 1 MiB ranges at 500 KiB/s a stream: two seconds each, so a third of them are done well before the last.
        using var cli = CliRunner.Start(args, ConfigPath, StreamTransferTests.SmallRanges, Work);
        var stderr = new StringBuilder();
        var reading = ReadLinesAsync(cli.StandardError, stderr);
        await Eventually.TrueAsync(() => Done(records) >= Ranges / 3, TimeSpan.FromSeconds(60), "a third of the ranges to be done");
        // Down until the streams gave up and the send as a whole is to be tried again: its retry finds the server back.
        await Sshd.DownUntilAsync(Eventually.TrueAsync(() => SendRetry().IsMatch(Text(stderr)), TimeSpan.FromSeconds(60), "the send to be tried again"));
        var result = await WaitAsync(cli, reading, stderr);

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "Verified | yes (2 files");
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, name));
        // The Transport row tells the last try's share: the ranges the first left, not every range of a stage taken as empty.
        var resent = RangesSent().Match(result.Stdout);
        Assert.True(resent.Success, result.ToString());
        Assert.InRange(int.Parse(resent.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, Ranges - Ranges / 3);
    }

    private static int Done(string records) =>
        Directory.Exists(records) ? Directory.EnumerateFiles(records, "done.*", SearchOption.AllDirectories).Count() : 0;

    private static async Task ReadLinesAsync(StreamReader reader, StringBuilder into)
    {
        while (await reader.ReadLineAsync() is { } line)
            lock (into) into.Append(line).Append('\n');
    }

    private static string Text(StringBuilder text)
    {
        lock (text) return text.ToString();
    }

    private static async Task<CliResult> WaitAsync(Process cli, Task reading, StringBuilder stderr)
    {
        var stdout = cli.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CliRunner.DefaultTimeout);
        await cli.WaitForExitAsync(timeout.Token);
        await Task.WhenAll(stdout, reading);
        return new CliResult(cli.ExitCode, await stdout, Text(stderr));
    }

    /// <summary>A retry of the send as a whole: a stream's own retries start their lines with the stream.</summary>
    [GeneratedRegex(@"^(?!.*stream \d: ).*; trying again in \d+ s \(try 2 of 5\)", RegexOptions.Multiline)]
    private static partial Regex SendRetry();

    [GeneratedRegex(@"\| Transport \| 2 parallel streams[^\n]* 1 file in (\d+) byte ranges?")]
    private static partial Regex RangesSent();
}

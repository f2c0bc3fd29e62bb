using System.Globalization;
using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A stream with several ranges opens each one's session while the one before it still moves bytes, so that no
/// stream waits two round trips between its ranges. Read from <c>MODEL_SYNC_TRACE=1</c>: when each session started
/// and ended, over which connection.
/// </summary>
[Collection("sshd")]
public sealed partial class StreamTurnTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task EachRangesSessionOpensBeforeTheOneBeforeItOnTheSameStreamEnds()
    {
        var name = "turns-" + Id;
        var source = Tree(name).RandomFile("model.bin", 6 * 1024 * 1024 + 5, seed: 31).File("config.json", "{}").Root;

        var push = await CliRunner.RunAsync(["push", "./" + name, "alpha:" + name, "--streams", "2"], ConfigPath,
            new Dictionary<string, string>(StreamTransferTests.SmallRanges) { ["MODEL_SYNC_TRACE"] = "1" }, Work);

        CliAssert.Exit(push, 0);
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, name));
        var byStream = push.Stderr.Split('\n').Select(l => RangeWrite().Match(l)).Where(m => m.Success)
            .Select(m => (Start: Ms(m, "start"), End: Ms(m, "start") + Ms(m, "took"), Master: m.Groups["master"].Value))
            .GroupBy(s => s.Master).ToList();
        Assert.Equal(2, byStream.Count);
        foreach (var stream in byStream)
        {
            var sessions = stream.OrderBy(s => s.Start).ToList();
            Assert.True(sessions.Count >= 2, $"{sessions.Count} ranges on one stream");
            for (var i = 1; i < sessions.Count; i++)
                Assert.True(sessions[i].Start < sessions[i - 1].End, $"range session {i} started at +{sessions[i].Start} ms, after the one before it ended at +{sessions[i - 1].End} ms");
        }
    }

    private static long Ms(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^trace: \+ *(?<start>\d+) ms +(?<took>\d+) ms exit +0 ssh \[range-write\.sh\] .*-o ControlPath=(?<master>\S+) ")]
    private static partial Regex RangeWrite();
}

using System.Globalization;
using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A stream with several ranges opens the next one's session while the one before it still moves bytes, so that no
/// stream waits two round trips between its ranges. Read from <c>MODEL_SYNC_TRACE=1</c>: when each session started
/// and ended, over which connection.
/// </summary>
[Collection("sshd")]
public sealed partial class StreamTurnTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task AStreamsSecondRangeOpensItsSessionBeforeTheFirstEnds()
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
            // One item ahead: the second opens with the first, each later one once the one two before it is done (on a
            // fast link a small range may end before that, so only the second is certain to overlap).
            var sessions = stream.OrderBy(s => s.Start).ToList();
            Assert.True(sessions.Count >= 2, $"{sessions.Count} ranges on one stream");
            Assert.True(sessions[1].Start < sessions[0].End, $"the second range's session started at +{sessions[1].Start} ms, after the first ended at +{sessions[0].End} ms");
        }
    }

    private static long Ms(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^trace: \+ *(?<start>\d+) ms +(?<took>\d+) ms exit +0 ssh \[range-write\.sh\] .*-o ControlPath=(?<master>\S+) ")]
    private static partial Regex RangeWrite();
}

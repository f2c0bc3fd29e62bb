using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// Progress as people and programs see it: a live bar redrawn in place on a terminal (captured through a real
/// pseudo-terminal), plain lines without control characters through a pipe, and no colour or other escape sequences
/// from model-sync, with or without NO_COLOR. Rate-limited pushes make each transfer last a few seconds.
/// </summary>
[Collection("sshd")]
public sealed partial class ProgressTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const int KibPerSecond = 1024;

    [Fact]
    public async Task OnATerminalALiveBarWithRateAndEtaAndNoEscapeSequences()
    {
        Tree("tty").RandomFile("weights.bin", 5 * 512 * 1024, seed: 11);
        Tree("tty").File("config.pbtxt", "x");

        var runs = await Task.WhenAll(
            PtyRunner.RunAsync(Push("tty", "bar-" + Id), ConfigPath, Work, new Dictionary<string, string?>()),
            PtyRunner.RunAsync(Push("tty", "bar-nocolor-" + Id), ConfigPath, Work, new Dictionary<string, string?> { ["NO_COLOR"] = "1" }));

        foreach (var run in runs)
        {
            CliAssert.Exit(run, 0);
            var transcript = run.Stdout.Replace(PtyRunner.RuntimeKeypadMode, "", StringComparison.Ordinal);
            var frames = BarFrame().Matches(transcript);
            Assert.True(frames.Count >= 2, $"expected the bar redrawn in place at least twice, got {frames.Count}\n{run}");
            Assert.Contains(frames, f => f.Groups["rate"].Value.EndsWith("B/s", StringComparison.Ordinal) && f.Groups["eta"].Value.Contains(':', StringComparison.Ordinal));
            Assert.True(!transcript.Contains('\u001b', StringComparison.Ordinal), $"an escape sequence reached the terminal\n{run}");
            Assert.Contains("Sync complete", transcript, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ThroughAPipePlainProgressLinesAndNoControlCharacters()
    {
        Tree("pipe").RandomFile("weights.bin", 6 * 1024 * 1024, seed: 12);

        var result = await CliOk(Push("pipe", "plain-" + Id));

        Assert.Matches(PlainLine(), result.Stderr);
        foreach (var text in new[] { result.Stdout, result.Stderr })
        {
            Assert.True(!text.Contains('\r', StringComparison.Ordinal) && !text.Contains('\u001b', StringComparison.Ordinal),
                $"a control character went through the pipe\n{result}");
        }
    }

    private static string[] Push(string local, string target) => ["push", "./" + local, "alpha:" + target, "--bwlimit", KibPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    [GeneratedRegex(@"\r\[[#.]{24}\] +\d{1,3}% +\S+ +(?<rate>\S+) ETA (?<eta>\S+)")]
    private static partial Regex BarFrame();

    [GeneratedRegex(@"(?m)^model-sync: \d{1,3}% sent, \S+, \S+/s, \S+ left$")]
    private static partial Regex PlainLine();
}

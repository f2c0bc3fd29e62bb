using System.Globalization;
using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// The streams' connections open beside the target's one call before the bytes (prepare-target), not after it, read
/// from <c>MODEL_SYNC_TRACE=1</c>: the order in which the processes start, which the code fixes, not how long they take.
/// </summary>
[Collection("sshd")]
public sealed partial class StreamWarmUpTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task TheStreamsConnectionsStartBeforeTheTargetsCallAndCarryTheSend()
    {
        var name = "warm-" + Id;
        var source = Tree(name).RandomFile("model.bin", 3 * 1024 * 1024, seed: 7).File("config.json", "{}").Root;

        var push = await TracedAsync("push", "./" + name, "alpha:" + name, "--streams", "2");

        var calls = Calls(push);
        var prepare = Assert.Single(calls, c => c.Script == "prepare-target.sh");
        var streams = calls.Where(c => c.Script == MasterStart && c.Master != prepare.Master).ToList();
        Assert.Equal(2, streams.Count);
        Assert.All(streams, s => Assert.True(s.Start <= prepare.Start, $"a stream's connection started at +{s.Start} ms, after the target's call at +{prepare.Start} ms"));
        // The connections opened ahead are the ones the send used: no other was opened for it.
        var carried = calls.Where(c => c.Script is "range-write.sh" or "tar-receive.sh").Select(c => c.Master).ToHashSet();
        Assert.Subset(streams.Select(s => s.Master).ToHashSet(), carried);
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, name));
    }

    [Fact]
    public async Task ConnectionsOpenedAheadOfANoOpAreAllClosed()
    {
        var name = "warm-noop-" + Id;
        var source = Tree(name).RandomFile("model.bin", 3 * 1024 * 1024, seed: 8).File("config.json", "{}").Root;
        await TracedAsync("push", "./" + name, "alpha:" + name);

        var again = await TracedAsync("push", "./" + name, "alpha:" + name, "--streams", "2");

        // Nothing to send: every stream connection that came up was told to exit, none carried anything (they are
        // abandoned as soon as the stage's listing is known, so some may never have started).
        var calls = Calls(again);
        var shared = Assert.Single(calls, c => c.Script == "prepare-target.sh").Master;
        var connected = calls.Where(c => c.Script == MasterStart && c.Master != shared && c.Exit == 0).Select(c => c.Master).ToHashSet();
        var exited = again.Stderr.Split('\n').Select(l => MasterExit().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Subset(exited, connected);
        Assert.DoesNotContain(calls, c => c.Script is "range-write.sh" or "tar-receive.sh");
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, name));
    }

    private async Task<CliResult> TracedAsync(params string[] args)
    {
        var result = await CliRunner.RunAsync(args, ConfigPath, new Dictionary<string, string>(StreamTransferTests.SmallRanges) { ["MODEL_SYNC_TRACE"] = "1" }, Work);
        CliAssert.Exit(result, 0);
        return result;
    }

    /// <summary>One script run over ssh: when it started (ms into the run), how it exited, and over which master connection.</summary>
    private sealed record Call(long Start, int Exit, string Script, string Master);

    /// <summary>A stream's connection opened with no session of its own (<c>ssh -N</c>): its <see cref="Call.Script"/>.</summary>
    private const string MasterStart = "ssh -N";

    private static List<Call> Calls(CliResult result) =>
        [.. result.Stderr.Split('\n').Select(l => ScriptCall().Match(l) is { Success: true } script ? script : BareMaster().Match(l)).Where(m => m.Success).Select(m => new Call(
            long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture),
            m.Groups["script"].Success ? m.Groups["script"].Value : MasterStart, m.Groups["master"].Value))];

    [GeneratedRegex(@"^trace: \+ *(\d+) ms +\d+ ms exit +(-?\d+) ssh \[(?<script>[a-z-]+\.sh)\] .*-o ControlPath=(?<master>\S+) ")]
    private static partial Regex ScriptCall();

    [GeneratedRegex(@"^trace: \+ *(\d+) ms +\d+ ms exit +(-?\d+) ssh -N -o BatchMode=yes -o ControlPath=(?<master>\S+) -o ControlMaster=auto ")]
    private static partial Regex BareMaster();

    [GeneratedRegex(@"^trace: .* ssh -o ControlPath=(\S+) -O exit ")]
    private static partial Regex MasterExit();
}

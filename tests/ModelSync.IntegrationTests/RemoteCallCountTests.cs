using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Streams;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// The calls each command makes to a server after the connect, read from <c>MODEL_SYNC_TRACE=1</c>: at 20–150 ms between
/// sites each one costs a round trip, so one added back fails here. A push or copy makes one call to its target before the
/// bytes move and one after; a no-op makes one and takes no lock.
/// </summary>
[Collection("sshd")]
public sealed partial class RemoteCallCountTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task APushMakesOneCallBeforeTheBytesMoveAndOneAfter()
    {
        var name = Model("PSH");

        var push = await TracedAsync("push", name, $"alpha:calls-{Id}/");
        File.WriteAllText(Path.Combine(Work, name, "config.pbtxt"), "config v2");
        var update = await TracedAsync("push", name, $"alpha:calls-{Id}/");

        // A new small model goes as one tar stream over the shared connection, without rsync's own round trips, and the
        // call that unpacks it verifies and publishes it too.
        Assert.Equal(["prepare-target.sh", "tar-finish.sh"], TracedCalls.ServerCalls(push));
        Assert.DoesNotContain(push.Stderr.Split('\n'), TracedCalls.IsRsyncRun);
        Assert.Equal(["prepare-target.sh", "finish-stage.sh"], TracedCalls.ServerCalls(update));
        TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(Sshd.BaseA, $"calls-{Id}", name));
    }

    [Fact]
    public async Task ANoOpPushMakesOneCallAndTakesNoLock()
    {
        var name = Model("NOP");
        await TracedAsync("push", name, $"alpha:calls-{Id}/");

        var again = await TracedAsync("push", name, $"alpha:calls-{Id}/");

        Assert.Equal(["prepare-target.sh"], TracedCalls.ServerCalls(again));
        Assert.DoesNotContain(again.Stderr.Split('\n'), l => l.Contains("lock-", StringComparison.Ordinal));
        CliAssert.StdoutContains(again, "already up to date");
    }

    [Fact]
    public async Task APullListsTheServerOnceBeforeAndOnceAfterAndANoOpPullTakesNoLock()
    {
        var name = Model("PUL");
        await CliOk("push", "./" + name, $"alpha:calls-{Id}/");

        var pull = await TracedAsync("pull", $"alpha:calls-{Id}/{name}", "./back/");
        var again = await TracedAsync("pull", $"alpha:calls-{Id}/{name}", "./back/");

        Assert.Equal(["scan.sh", "scan.sh"], TracedCalls.ServerCalls(pull));
        Assert.Equal(["scan.sh"], TracedCalls.ServerCalls(again));
        Assert.DoesNotContain(again.Stderr.Split('\n'), l => l.Contains("lock-", StringComparison.Ordinal));
        TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(Work, "back", name));
    }

    [Fact]
    public async Task ACopyBetweenServersMakesOneCallToItsTargetBeforeAndOneAfter()
    {
        var name = Model("CPY");
        await CliOk("push", "./" + name, $"alpha:calls-{Id}/");

        var copy = await TracedAsync("copy", $"alpha:calls-{Id}/{name}", $"beta:calls-{Id}/");

        // The source is listed before and after (is it still as it was sent?); the bytes move as tar, one process on each server.
        var calls = TracedCalls.ServerCalls(copy);
        Assert.Equal(["scan.sh", "prepare-target.sh", "scan.sh", "finish-stage.sh"], calls.Where(c => !c.StartsWith("tar-", StringComparison.Ordinal)));
        Assert.Equal(["tar-receive.sh", "tar-send.sh"], calls.Where(c => c.StartsWith("tar-", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(Sshd.BaseB, $"calls-{Id}", name));
    }

    [Fact]
    public async Task ANewVersionBesideThePreviousOneSeedsItsStageInOneCallAndMeasuresTheRoundTripOnlyBesideTheTargetsCall()
    {
        const string old = "RTX3090_N2501_ASR_250715", next = "RTX3090_N2501_ASR_250820";
        // Enough bytes that streams would be weighed were they not all on the target already, in the basis.
        Tree(old).File("1/model.plan", new byte[2 * 32 * 1024 * 1024 + 1]).File("config.pbtxt", "max_batch_size: 8");
        await CliOk("push", "./" + old, $"alpha:calls-{Id}/{old}");
        TestProcess.RunBytes("cp", ["-a", Path.Combine(Work, old), Path.Combine(Work, next)]);
        File.WriteAllText(Path.Combine(Work, next, "config.pbtxt"), "max_batch_size: 16");

        var push = await TracedAsync("push", "./" + next, $"alpha:calls-{Id}/{next}");

        // The versions beside the target are listed and the newest scanned beside the one call before the bytes; the
        // basis then seeds the stage that call made (no separate call to remove it); the stage's own listings follow.
        // Nothing large is written (the weights are linked), so nothing is hashed as it is written.
        // The round trip is measured from the start, beside the target's call, in case the streams are worth opening;
        // nothing after that call measures it again.
        var all = TracedCalls.ServerCalls(push);
        Assert.True(all.Count(c => c == "echo-back.sh") <= 1, string.Join(", ", all));
        var calls = all.Where(c => c != "echo-back.sh").ToList();
        Assert.Equal(["list-directory.sh", "prepare-target.sh", "scan.sh"], calls.Take(3).Order(StringComparer.Ordinal));
        Assert.Equal(["prepare-stage.sh", "scan.sh", "scan.sh", "finish-stage.sh"], calls.Skip(3));
        Assert.DoesNotContain(push.Stderr.Split('\n'), l => BareSsh().IsMatch(l));
        TreeComparer.AssertSameTree(Path.Combine(Work, next), Path.Combine(Sshd.BaseA, $"calls-{Id}", next));
    }

    [Fact]
    public async Task AStreamedFirstPushWithNothingLeftForRsyncMakesOneCallAfterTheStreamsAndOneWithALinkForRsync()
    {
        var plain = $"s-plain-{Id}";
        Tree(plain).RandomFile("weights.bin", 5 * 1024 * 1024 + 3, seed: 31).File("config.json", "{}").SetAllTimes(DateTime.UtcNow.AddHours(-1));
        var linked = $"s-linked-{Id}";
        Tree(linked).RandomFile("weights.bin", 5 * 1024 * 1024 + 3, seed: 32).Symlink("latest", "weights.bin").SetAllTimes(DateTime.UtcNow.AddHours(-1));

        var streamed = await TracedAsync(StreamTransferTests.SmallRanges, "push", "./" + plain, $"alpha:calls-{Id}/", "--streams", "2");
        var withRsync = await TracedAsync(StreamTransferTests.SmallRanges, "push", "./" + linked, $"alpha:calls-{Id}/", "--streams", "2");

        // The streams' own processes aside: the ranged files go into place in the call that verifies and publishes.
        Assert.Equal(["prepare-target.sh", "ranges-finish-stage.sh"], TracedCalls.ServerCalls(streamed).Where(c => !IsStreams(c)));
        Assert.DoesNotContain(streamed.Stderr.Split('\n'), TracedCalls.IsRsyncRun);
        // rsync follows for the link, and would send the ranged files again were they not in place before it.
        Assert.Equal(["prepare-target.sh", "ranges-finish.sh", "finish-stage.sh"], TracedCalls.ServerCalls(withRsync).Where(c => !IsStreams(c)));
        var lines = withRsync.Stderr.Split('\n').ToList();
        Assert.True(lines.FindIndex(l => l.Contains("[ranges-finish.sh]", StringComparison.Ordinal)) < lines.FindIndex(TracedCalls.IsRsyncRun), withRsync.Stderr);
        TreeComparer.AssertSameTree(Path.Combine(Work, plain), Path.Combine(Sshd.BaseA, $"calls-{Id}", plain));
        TreeComparer.AssertSameTree(Path.Combine(Work, linked), Path.Combine(Sshd.BaseA, $"calls-{Id}", linked));
    }

    /// <summary>A process of the parallel streams, each over a connection of its own.</summary>
    [Fact]
    public async Task APushListsItsSourceWhileTheServerConnects()
    {
        var name = Model("EAR");

        var push = await TracedAsync("push", name, $"alpha:calls-{Id}/");

        // Started before the connect (its probe): the listing no longer waits for it.
        var started = push.Stderr.Split('\n').Select(l => Started().Match(l)).Where(m => m.Success)
            .Select(m => (Script: m.Groups[2].Value, Offset: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.True(started.First(s => s.Script == "scan.sh").Offset <= started.First(s => s.Script == "probe.sh").Offset, push.Stderr);
    }

    private static bool IsStreams(string script) => script.StartsWith("range-", StringComparison.Ordinal) || script.StartsWith("tar-", StringComparison.Ordinal);

    private string Model(string tag)
    {
        var name = $"m-{tag}-{Id}";
        Tree(name).File("config.pbtxt", "config").File("1/model.onnx", new string('w', 70_000)).Symlink("latest", "1");
        return name;
    }

    private Task<CliResult> TracedAsync(params string[] args) => TracedAsync(new Dictionary<string, string>(), args);

    private async Task<CliResult> TracedAsync(Dictionary<string, string> environment, params string[] args)
    {
        var result = await CliRunner.RunAsync(args.Select(a => a.StartsWith("m-", StringComparison.Ordinal) ? "./" + a : a).ToArray(), ConfigPath,
            new Dictionary<string, string>(environment) { ["MODEL_SYNC_TRACE"] = "1" }, Work);
        CliAssert.Exit(result, 0);
        return result;
    }

    [GeneratedRegex(@"^trace: \+ *(\d+) ms .* exit +-?\d+ \S+ \[([a-z-]+\.sh)\]")]
    private static partial Regex Started();

    /// <summary>An ssh command that runs no script of model-sync's: the empty commands that measure the round trip.</summary>
    [GeneratedRegex(@"^trace: .* exit +-?\d+ ssh (?!\[)(?!-G )(?!.* -O exit )")]
    private static partial Regex BareSsh();
}

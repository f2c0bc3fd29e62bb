using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary><c>--quiet</c>: the result alone, except what must never be hidden.</summary>
[Collection("sshd")]
public sealed class QuietTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task QuietPushPrintsOnlyTheResult()
    {
        Tree("m").File("config.pbtxt", "v1").File("1/model.onnx", "weights");

        var result = await CliOk("push", "./m", "alpha:quiet-" + Id, "--quiet");

        CliAssert.StdoutLacks(result, "Syncing to", "## Transfer Progress", "- config.pbtxt");
        CliAssert.StdoutContains(result, "## Result", "| Verified | yes (2 files, sha256", "Sync complete");
        Assert.DoesNotContain("model-sync: Verifying", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task QuietDiffAndVerifyPrintOnlyTheResult()
    {
        Tree("m").File("config.pbtxt", "v1").File("1/model.onnx", "weights");
        var target = "alpha:quiet-diff-" + Id;

        var diff = await CliOk("diff", "./m", target, "--quiet");

        Assert.Equal(["Summary: 0 same, 2 new, 0 modified, 0 remote-only", "To sync: "], diff.Stdout.Trim().Split('\n').Select(l => l.Length > 10 && l.StartsWith("To sync: ", StringComparison.Ordinal) ? "To sync: " : l));
        await CliOk("push", "./m", target, "--quiet");
        var verify = await CliOk("verify", "./m", target, "--quiet");
        Assert.Equal("Result: OK — all 2 files match", verify.Stdout.Trim());
    }

    [Fact]
    public async Task QuietStillShowsWhatDeleteWouldRemove()
    {
        Tree("m").File("config.pbtxt", "v1");
        await CliOk("push", "./m", "alpha:quiet-del-" + Id);
        await File.WriteAllTextAsync(Path.Combine(Sshd.BaseA, "quiet-del-" + Id, "old.bin"), "x");

        var refused = await Cli("push", "./m", "alpha:quiet-del-" + Id, "--delete", "--quiet");

        CliAssert.Error(refused, 2, "--delete would remove 1 file");
        CliAssert.StdoutContains(refused, "## Files to delete (--delete): 1", "- old.bin");
    }

    [Fact]
    public async Task QuietPushWarnsAboutTheNameBeforeAnythingIsSent()
    {
        Tree("m").File("config.pbtxt", "v1");
        var name = "quiet-name-" + Id; // does not follow {GPU}_{DATE}_{MODEL}_{VERSION}
        // A lock held by a live process stops the push before anything is sent: the warning must be out by then.
        var held = Directory.CreateDirectory(Path.Combine(Sshd.BaseA, ".model-sync-lock." + name)).FullName;
        await File.WriteAllTextAsync(Path.Combine(held, "holder"), $"host={Environment.MachineName}\npid={Environment.ProcessId}\nsince=now\ncommand=push\ntoken=t\n");

        var result = await Cli("push", "./m", "alpha:" + name, "--quiet");

        CliAssert.Error(result, 1, "is locked by");
        Assert.Contains($"model-sync: warning: target name '{name}' does not follow", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, ".model-sync-stage." + name)), "nothing was sent");
    }

    [Fact]
    public async Task QuietPushStillWarnsWhenItBreaksAStaleLock()
    {
        Tree("m").File("config.pbtxt", "v1");
        var name = "quiet-stale-" + Id;
        var stale = Directory.CreateDirectory(Path.Combine(Sshd.BaseA, ".model-sync-lock." + name)).FullName;
        await File.WriteAllTextAsync(Path.Combine(stale, "holder"), "host=gone-host\npid=4242\nsince=long ago\ncommand=push\ntoken=t\n");
        Directory.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddDays(-30));

        var result = await CliOk("--json", "push", "./m", "alpha:" + name, "--quiet");

        Assert.Contains("model-sync: warning: breaking a stale lock on ", result.Stderr, StringComparison.Ordinal);
        using var doc = CliAssert.Json(result);
        Assert.Contains(doc.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith("breaking a stale lock on ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QuietDryRunWarnsAboutTheName()
    {
        Tree("m").File("config.pbtxt", "v1");

        var result = await CliOk("push", "./m", "alpha:quiet-dry-" + Id, "--dry-run", "--quiet");

        Assert.Contains($"model-sync: warning: target name 'quiet-dry-{Id}' does not follow", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiffWarnsAboutANameAPushWouldBeWarnedAbout()
    {
        Tree("m").File("config.pbtxt", "v1");

        var result = await CliOk("--json", "diff", "./m", "alpha:diff-name-" + Id);

        Assert.Contains($"model-sync: warning: target name 'diff-name-{Id}' does not follow", result.Stderr, StringComparison.Ordinal);
        using var doc = CliAssert.Json(result);
        Assert.Contains(doc.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.StartsWith($"target name 'diff-name-{Id}'", StringComparison.Ordinal));
        var conforming = await CliOk("diff", "./m", "alpha:RTX3090_N2501_ASR_250820");
        Assert.DoesNotContain("warning", conforming.Stderr, StringComparison.Ordinal);
    }
}

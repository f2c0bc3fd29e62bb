using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>The tool says "rerun the same command": a rerun after success changes nothing, and a failure prints no report.</summary>
[Collection("sshd")]
public sealed class RerunTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task PullingTwiceToTheSamePathUpdatesTheCopyInPlace()
    {
        var name = "twice-" + Id;
        Tree("src").File("config.pbtxt", "name: \"m\"").File("1/model.onnx", "weights");
        await CliOk("push", "./src", "alpha:" + name);

        await CliOk("pull", "alpha:" + name, "./copy");
        var again = await CliOk("pull", "alpha:" + name, "./copy");

        Assert.False(Directory.Exists(Path.Combine(Work, "copy", name)), "the second pull nested a new copy");
        Assert.Contains("already up to date", again.Stdout, StringComparison.Ordinal);
        TreeComparer.AssertSameTree(Path.Combine(Work, "src"), Path.Combine(Work, "copy"));
    }

    [Fact]
    public async Task APushThatFailsAfterConnectingLeavesStdoutEmpty()
    {
        var source = Tree("m").File("config.pbtxt", "name: \"m\"").Root;
        var name = "refused-" + Id;
        var lockPath = Path.Combine(Sshd.BaseA, ".model-sync-lock." + name);
        Directory.CreateDirectory(lockPath);
        await File.WriteAllTextAsync(Path.Combine(lockPath, "holder"),
            "host=gpu-box-7\npid=4242\nsince=2026-01-01 00:00:00Z\ncommand=model-sync push other\ntoken=y\n");

        var result = await Cli("push", source, "alpha:" + name, "--lock-timeout", "0");

        CliAssert.Error(result, 1, "is locked by model-sync push other");
        Assert.Equal("", result.Stdout);
    }
}

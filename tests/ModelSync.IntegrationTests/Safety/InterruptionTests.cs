using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A push cut short — model-sync killed with SIGKILL, or sshd restarted under it — leaves the target as it
/// was and resumes from what arrived. rsync's --bwlimit makes the timing deterministic.
/// </summary>
[Collection("sshd")]
public sealed class InterruptionTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const int Size = 40 * 1024 * 1024;

    [Fact]
    public async Task Kill9MidTransferLeavesTheTargetAloneAndTheRerunSendsUnder60Percent()
    {
        var source = Tree("weights").File("model.plan", RandomBytes(Size)).Root;
        var name = "killed-" + Id;
        var target = Path.Combine(Sshd.BaseA, name);
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);

        using (var cli = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "8000"], ConfigPath, workingDirectory: Work))
        {
            await Eventually.TrueAsync(() => LargestFile.Below(stage) >= Size / 2, TimeSpan.FromSeconds(60), "half of the file in the stage");
            cli.Kill(entireProcessTree: false); // SIGKILL model-sync alone: its rsync must not carry on unattended
            await cli.WaitForExitAsync();
        }
        await Eventually.TrueAsync(() => File.Exists(Path.Combine(stage, ".rsync-partial", "model.plan")), TimeSpan.FromSeconds(20),
            "rsync to stop and keep its partial file");
        Assert.False(Directory.Exists(target), "an interrupted push must not publish anything");

        var rerun = await Cli("push", source, "alpha:" + name, "--json");

        CliAssert.Exit(rerun, 0);
        using var json = JsonDocument.Parse(rerun.Stdout);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.EndsWith("; files of 32 MiB and more hashed on the receiving side as rsync writes them", json.RootElement.GetProperty("transport").GetString(), StringComparison.Ordinal);
        var sent = json.RootElement.GetProperty("bytes_sent").GetInt64();
        Assert.True(sent < Size * 0.6, $"the rerun sent {sent} bytes of {Size}");
        Assert.Contains("breaking a stale lock", rerun.Stderr, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(source, "model.plan")), await File.ReadAllBytesAsync(Path.Combine(target, "model.plan")));
        Assert.False(Directory.Exists(stage));
    }

    [Fact]
    public async Task AnSshdRestartMidTransferIsRetriedToCompletion()
    {
        var source = Tree("weights").File("model.onnx", RandomBytes(Size / 2)).Root;
        var name = "restarted-" + Id;
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);

        using var cli = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "2000", "--retries", "4"], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => LargestFile.Below(stage) >= Size / 8, TimeSpan.FromSeconds(60), "the transfer to be under way");
        await Sshd.RestartAsync();
        var result = await CliRunner.WaitAsync(cli, ["push"]);

        CliAssert.Exit(result, 0);
        Assert.Contains("trying again", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Verified | yes (1 file, sha256", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(source, "model.onnx")),
            await File.ReadAllBytesAsync(Path.Combine(Sshd.BaseA, name, "model.onnx")));
    }

    [Fact]
    public async Task AnSshdRestartDuringTheTarStreamOfANewSmallModelIsRetriedToCompletion()
    {
        var source = Tree("small").File("model.onnx", RandomBytes(3 * 1024 * 1024)).File("config.pbtxt", "c").Root;
        var name = "restarted-tar-" + Id;
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);

        using var cli = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "300", "--retries", "4", "--json"], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => LargestFile.Below(stage) >= 512 * 1024, TimeSpan.FromSeconds(60), "the tar stream to be under way");
        await Sshd.RestartAsync();
        var result = await CliRunner.WaitAsync(cli, ["push"]);

        CliAssert.Exit(result, 0);
        Assert.Contains("trying again", result.Stderr, StringComparison.Ordinal);
        using var json = CliAssert.Json(result);
        Assert.StartsWith("tar over ssh", json.RootElement.GetProperty("transport").GetString(), StringComparison.Ordinal);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, name));
    }

    [Fact]
    public async Task CtrlCEndsRsyncReleasesTheLockAndSaysHowToResume()
    {
        var source = Tree("weights").File("model.plan", RandomBytes(Size / 2)).Root;
        var name = "interrupted-" + Id;
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);

        Signal.LetChildrenBeInterrupted();
        using var cli = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "2000"], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => LargestFile.Below(stage) >= Size / 8, TimeSpan.FromSeconds(60), "the transfer to be under way");
        Signal.Interrupt(cli.Id);
        var result = await CliRunner.WaitAsync(cli, ["push"], TimeSpan.FromSeconds(30));

        CliAssert.Error(result, 130, "interrupted", "run the same command again");
        Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, name)));
        Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, ".model-sync-lock." + name)), "the lock is released");
        var size = LargestFile.Below(stage);
        await Task.Delay(1500); // the behaviour asserted is a quiet interval: an orphaned rsync would grow the stage in it
        Assert.Equal(size, LargestFile.Below(stage)); // no rsync left writing
    }

    [Fact]
    public async Task CtrlCWhilePublishingSaysTheModelWasPublishedWhenItWas()
    {
        var name = "pubint-" + Id;
        var target = Path.Combine(Sshd.BaseA, name);
        Tree("m").File("config.pbtxt", "v1");
        await CliOk("push", "./m", "alpha:" + name);
        await File.WriteAllTextAsync(Path.Combine(Work, "m", "config.pbtxt"), "v2 and longer");
        // A leftover of a publish cut short long ago: the next publish first removes it, which takes a while, and
        // the publish cannot be stopped once begun (it ignores hang-ups and interrupts).
        var old = Path.Combine(Sshd.BaseA, ".model-sync-old." + name);
        const int Dirs = 60;
        for (var d = 0; d < Dirs; d++)
        {
            var dir = Directory.CreateDirectory(Path.Combine(old, "d" + d)).FullName;
            for (var f = 0; f < 1000; f++) await File.WriteAllBytesAsync(Path.Combine(dir, "f" + f), []);
        }

        Signal.LetChildrenBeInterrupted();
        using var cli = CliRunner.Start(["push", "./m", "alpha:" + name], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => !Directory.Exists(old) || Directory.GetDirectories(old).Length < Dirs, TimeSpan.FromSeconds(60),
            "the publish to start removing the leftover");
        Signal.Interrupt(cli.Id);
        var result = await CliRunner.WaitAsync(cli, ["push"], TimeSpan.FromSeconds(60));

        CliAssert.Error(result, 130, "interrupted after the new version was published");
        Assert.DoesNotContain("left as it was", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("v2 and longer", await File.ReadAllTextAsync(Path.Combine(target, "config.pbtxt")));
        Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, ".model-sync-stage." + name)));
    }

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Random.Shared.NextBytes(bytes);
        return bytes;
    }
}

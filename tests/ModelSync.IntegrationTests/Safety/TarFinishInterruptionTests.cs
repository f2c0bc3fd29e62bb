using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A small new model goes as one tar stream whose call also verifies and publishes it on the server. Ctrl-C during
/// that call must leave the target either as it was (no model there) or holding the complete new version, never part
/// of it, and the error must say which; the same command again then finishes or confirms.
/// </summary>
[Collection("sshd")]
public sealed class TarFinishInterruptionTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const int Size = 3 * 1024 * 1024;

    /// <summary><paramref name="fraction"/>: how much of the weights is in the stage when Ctrl-C comes (1: the stream's end, its finish about to run).</summary>
    [Theory]
    [InlineData(0.3)]
    [InlineData(1.0)]
    public async Task CtrlCDuringTheTarAndFinishCallLeavesNothingOrTheWholeNewVersionAndSaysWhich(double fraction)
    {
        var source = Tree("small").RandomFile("model.onnx", Size, 5).File("config.pbtxt", "c").Symlink("current", "model.onnx").Root;
        var name = "tarint-" + Id;
        var target = Path.Combine(Sshd.BaseA, name);
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);

        Signal.LetChildrenBeInterrupted();
        using var cli = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "300"], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => LargestFile.Below(stage) >= Size * fraction || Directory.Exists(target), TimeSpan.FromSeconds(60),
            $"{fraction:P0} of the weights in the stage");
        if (!cli.HasExited) Signal.Interrupt(cli.Id);
        var result = await CliRunner.WaitAsync(cli, ["push"], TimeSpan.FromSeconds(60));

        Assert.DoesNotContain("not known", result.Stderr, StringComparison.Ordinal);
        if (Directory.Exists(target))
        {
            // Published: by the call itself before the interrupt reached it, or before this process stopped waiting.
            Assert.True(result.ExitCode == 0 || result.Stderr.Contains("interrupted after the new version was published", StringComparison.Ordinal), result.ToString());
            TreeComparer.AssertSameTree(source, target);
            Assert.True(File.Exists(Path.Combine(target, ".model-sync-manifest.json")));
        }
        else
        {
            CliAssert.Error(result, 130, "the target was left as it was", "run the same command again");
            Assert.False(File.Exists(target) || new FileInfo(target).LinkTarget is not null, "nothing of the new version under its name");
        }
        await Eventually.TrueAsync(() => !Directory.Exists(Path.Combine(Sshd.BaseA, ".model-sync-lock." + name)), TimeSpan.FromSeconds(20), "the lock to be released");

        var again = await CliOk("push", source, "alpha:" + name);

        CliAssert.StdoutContains(again, "| Verified | yes (2 files");
        TreeComparer.AssertSameTree(source, target);
        Assert.False(Directory.Exists(stage));
    }
}

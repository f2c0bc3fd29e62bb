using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A new model of many small files pushed in one stream goes as one tar stream over the shared connection, however large
/// in total: rsync's per-file protocol costs more than such files' bytes. A model holding a large file keeps rsync,
/// whose partial file a killed run resumes from. Read from <c>MODEL_SYNC_TRACE=1</c>: which processes ran.
/// </summary>
[Collection("sshd")]
public sealed partial class ManySmallFilesTarTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    /// <summary>Past what any new model goes by tar for (4 MiB), in files of at most 8 MiB.</summary>
    private TreeBuilder ManySmallFiles(string name, int files = 300)
    {
        var tree = Tree(name).File("config.pbtxt", "max_batch_size: 8").Symlink("latest", "1").Dir("empty");
        for (var i = 0; i < files; i++) tree.RandomFile($"1/tokenizer/part-{i:D4}.bin", 20_000 + i, seed: i);
        return tree.RandomFile("1/odd\nname -- $(x).bin", 8 * 1024 * 1024, seed: 7).SetAllTimes(DateTime.UtcNow.AddHours(-1));
    }

    [Fact]
    public async Task ANewModelOfManySmallFilesIsPushedAsOneTarStreamWithoutRsync()
    {
        var name = "tarmany-" + Id;
        var tree = ManySmallFiles(name);

        var push = await TracedAsync("push", "./" + name, "alpha:" + name);

        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Sshd.BaseA, name));
        Assert.Contains(push.Stderr.Split('\n'), l => TarSend().IsMatch(l));
        Assert.DoesNotContain(push.Stderr.Split('\n'), l => RsyncRun().IsMatch(l));
        CliAssert.StdoutContains(push, "| Transport | tar over", "Verified | yes (302 files");
    }

    [Fact]
    public async Task ANewModelWithAFileLargerThan8MiBKeepsRsync()
    {
        var name = "tarbig-" + Id;
        var tree = ManySmallFiles(name, files: 3).RandomFile("1/model.onnx", 8 * 1024 * 1024 + 1, seed: 9);

        var push = await TracedAsync("push", "./" + name, "alpha:" + name);

        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Sshd.BaseA, name));
        Assert.Contains(push.Stderr.Split('\n'), l => RsyncRun().IsMatch(l));
        Assert.DoesNotContain(push.Stderr.Split('\n'), l => TarSend().IsMatch(l));
    }

    [Fact]
    public async Task CtrlCDuringTheTarLeavesTheTargetAsItWasAndTheSameCommandFinishesIt()
    {
        var name = "tarkill-" + Id;
        var tree = ManySmallFiles(name);
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);
        var target = Path.Combine(Sshd.BaseA, name);

        Signal.LetChildrenBeInterrupted();
        using var cli = CliRunner.Start(["push", tree.Root, "alpha:" + name, "--bwlimit", "1000"], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => FilesBelow(stage) >= 100, TimeSpan.FromSeconds(60), "a third of the files in the stage");
        Signal.Interrupt(cli.Id);
        var result = await CliRunner.WaitAsync(cli, ["push"], TimeSpan.FromSeconds(60));

        CliAssert.Error(result, 130, "the target was left as it was", "run the same command again");
        Assert.False(Directory.Exists(target));
        var again = await CliOk("push", tree.Root, "alpha:" + name);

        // The files the killed run unpacked stay in the stage: the rerun sends the rest by rsync, against them.
        CliAssert.StdoutContains(again, "| Transport | rsync", "Verified | yes (302 files");
        TreeComparer.AssertSameTree(tree.Root, target);
        Assert.False(Directory.Exists(stage));
    }

    private static int FilesBelow(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Count() : 0;

    private async Task<CliResult> TracedAsync(params string[] args)
    {
        var result = await CliRunner.RunAsync(args, ConfigPath, new Dictionary<string, string> { ["MODEL_SYNC_TRACE"] = "1" }, Work);
        CliAssert.Exit(result, 0);
        return result;
    }

    [GeneratedRegex(@"^trace: .* exit +-?\d+ (/bin/sh|ssh) \[tar-send\.sh\]")]
    private static partial Regex TarSend();

    [GeneratedRegex(@"^trace: .* exit +-?\d+ rsync ")]
    private static partial Regex RsyncRun();
}

using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>Refusals that happen before anything on the target changes.</summary>
[Collection("sshd")]
public sealed class PreflightTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task DeleteWithoutYesListsTheFilesAndChangesNothingWhenStdinIsNotATerminal()
    {
        var source = Tree("m").File("config.pbtxt", "v1").Root;
        var name = "deleting-" + Id;
        CliAssert.Exit(await Cli("push", source, "alpha:" + name), 0);
        var extra = Path.Combine(Sshd.BaseA, name, "old-weights.bin");
        await File.WriteAllTextAsync(extra, "keep me unless confirmed");

        var refused = await Cli("push", source, "alpha:" + name, "--delete");
        var confirmed = await Cli("push", source, "alpha:" + name, "--delete", "--yes");

        CliAssert.Error(refused, 2, "--delete would remove 1 file", "--yes");
        Assert.Contains("## Files to delete (--delete): 1", refused.Stdout, StringComparison.Ordinal);
        Assert.Contains("- old-weights.bin", refused.Stdout, StringComparison.Ordinal);
        CliAssert.Exit(confirmed, 0);
        Assert.False(File.Exists(extra));
    }

    [Fact]
    public async Task ASourceFileWrittenDuringThePushFailsItAndNothingIsPublished()
    {
        var tree = Tree("growing").RandomFile("1/model.plan", 12 * 1024 * 1024, seed: 3).File("labels.txt", "a\n");
        var name = "growing-" + Id;
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);

        using var cli = CliRunner.Start(["push", tree.Root, "alpha:" + name, "--bwlimit", "4000"], ConfigPath, workingDirectory: Work);
        await Eventually.TrueAsync(() => LargestFile.Below(stage) > 0, TimeSpan.FromSeconds(30), "the transfer to start");
        await File.AppendAllTextAsync(tree.PathOf("labels.txt"), "b\n");
        var result = await CliRunner.WaitAsync(cli, ["push"]);

        CliAssert.Error(result, 1, "labels.txt", "modified during sync; rerun when writing is done");
        Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, name)));
    }
}

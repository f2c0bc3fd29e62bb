using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A new model of many small files (a tokenizer-heavy tree) goes as one tar stream over a short round trip, as a small
/// model does, whatever its total: rsync's protocol only adds per-file work when nothing is there to delta against.
/// A killed one leaves the files it unpacked for the rerun, and a dropped connection's retry sends the rest by rsync.
/// </summary>
[Collection("sshd")]
public sealed class ManySmallFilesTarTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    /// <summary>Files of ~16 KiB: 4.8 MB in all, more than a small model's 4 MiB.</summary>
    private const int Files = 300;

    [Fact]
    public async Task ANewModelOfManySmallFilesGoesAsOneTarVerifiedAndPublishedByTheCallAfterIt()
    {
        var name = "many-" + Id;
        var source = ManySmallFiles(name, Files, 16 * 1024);

        var push = await TracedAsync("push", "./" + name, $"alpha:many-{Id}/");

        // Hashed here while tar reads it; a retry of the stream's call would unpack into a stage the first try's call
        // might still be hashing and publishing, so a model this large is finished in a call of its own.
        Assert.Equal(["prepare-target.sh", "tar-receive.sh", "finish-stage.sh"], TracedCalls.ServerCalls(push));
        Assert.DoesNotContain(push.Stderr.Split('\n'), TracedCalls.IsRsyncRun);
        CliAssert.StdoutContains(push, "| Transport | tar over ", $"| Verified | yes ({Files} files, sha256");
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, $"many-{Id}", name));
        Assert.True(File.Exists(Path.Combine(Sshd.BaseA, $"many-{Id}", name, ".model-sync-manifest.json")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Sshd.BaseA, $"many-{Id}"), ".model-sync-*"));
    }

    [Fact]
    public async Task ASmallModelOfThousandsOfTinyFilesSendsItsExpectationsAheadOfTheStreamAndIsPublishedInItsCall()
    {
        var name = "tiny-" + Id;
        var source = ManySmallFiles(name, 1500, 100);

        var push = await TracedAsync("push", "./" + name, $"alpha:tiny-{Id}/");

        // 1,500 files' expectations are far more than a command line carries: they go on stdin, ahead of the tar stream.
        Assert.Equal(["prepare-target.sh", "tar-finish.sh"], TracedCalls.ServerCalls(push));
        CliAssert.StdoutContains(push, "| Transport | tar over ", "| Verified | yes (1500 files, sha256");
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, $"tiny-{Id}", name));
    }

    [Fact]
    public async Task AnSshdRestartDuringTheTarOfManySmallFilesIsRetriedByRsyncKeepingWhatArrived()
    {
        var name = "many-restarted-" + Id;
        var source = ManySmallFiles(name, Files, 16 * 1024);
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);

        using var cli = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "500", "--retries", "4", "--json"], ConfigPath,
            new Dictionary<string, string> { ["MODEL_SYNC_TRACE"] = "1" }, workingDirectory: Work);
        await Eventually.TrueAsync(() => FilesBelow(stage) >= Files / 3, TimeSpan.FromSeconds(60), "a third of the files in the stage");
        await Sshd.RestartAsync();
        var result = await CliRunner.WaitAsync(cli, ["push"]);

        CliAssert.Exit(result, 0);
        Assert.Contains("trying again", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(result.Stderr.Split('\n'), TracedCalls.IsRsyncRun);
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, name));
        Assert.False(Directory.Exists(stage));
    }

    [Fact]
    public async Task ANewModelWithAFileOverFourMiBGoesByRsync()
    {
        var name = "many-big-" + Id;
        var source = Tree(name).RandomFile("model.onnx", 4 * 1024 * 1024 + 1, seed: 7).File("config.pbtxt", "c").SetAllTimes(DateTime.UtcNow.AddHours(-1)).Root;

        var push = await TracedAsync("push", "./" + name, $"alpha:many-big-{Id}/");

        Assert.Contains(push.Stderr.Split('\n'), TracedCalls.IsRsyncRun);
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, $"many-big-{Id}", name));
    }

    [Fact]
    public async Task AKilledTarOfManySmallFilesLeavesWhatArrivedForTheRerun()
    {
        var name = "many-killed-" + Id;
        var source = ManySmallFiles(name, Files, 16 * 1024);
        var stage = Path.Combine(Sshd.BaseA, ".model-sync-stage." + name);
        var target = Path.Combine(Sshd.BaseA, name);

        using (var cli = CliRunner.Start(["push", source, "alpha:" + name, "--bwlimit", "500"], ConfigPath, workingDirectory: Work))
        {
            await Eventually.TrueAsync(() => FilesBelow(stage) >= Files / 3, TimeSpan.FromSeconds(60), "a third of the files in the stage");
            cli.Kill(entireProcessTree: false);
            await cli.WaitForExitAsync();
        }
        Assert.False(Directory.Exists(target), "an interrupted push must not publish anything");

        var rerun = await Cli("push", source, "alpha:" + name, "--json");

        CliAssert.Exit(rerun, 0);
        using var json = JsonDocument.Parse(rerun.Stdout);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        var sent = json.RootElement.GetProperty("bytes_sent").GetInt64();
        var total = Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        Assert.True(sent < total * 0.8, $"the rerun sent {sent} bytes of {total}");
        TreeComparer.AssertSameTree(source, target);
        Assert.False(Directory.Exists(stage));
    }

    private string ManySmallFiles(string name, int count, int size)
    {
        var tree = Tree(name);
        for (var i = 0; i < count; i++) tree.RandomFile($"tokenizers/lang_{i % 12:000}/tokenizer_{i:00000}.json", size + i, seed: i);
        // Dated back: a file modified in the second its push began reading is never vouched for by the cache.
        return tree.Symlink("latest", "tokenizers").SetAllTimes(DateTime.UtcNow.AddHours(-1)).Root;
    }

    private static int FilesBelow(string directory) =>
        Directory.Exists(directory) ? Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories).Count() : 0;

    private async Task<CliResult> TracedAsync(params string[] args)
    {
        var result = await CliRunner.RunAsync(args, ConfigPath, new Dictionary<string, string> { ["MODEL_SYNC_TRACE"] = "1" }, Work);
        CliAssert.Exit(result, 0);
        return result;
    }
}

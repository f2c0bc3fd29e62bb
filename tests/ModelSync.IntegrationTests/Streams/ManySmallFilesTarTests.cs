using System.Text.Json;
using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A new model of many small files (a tokenizer-heavy tree) goes as one tar stream over a short round trip, as a small
/// model does, whatever its total: rsync's protocol only adds per-file work when nothing is there to delta against.
/// Its call also verifies and publishes when the source's hashes are known without reading (a cache or a manifest);
/// a killed one leaves the files it unpacked for the rerun.
/// </summary>
[Collection("sshd")]
public sealed partial class ManySmallFilesTarTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    /// <summary>Files of ~16 KiB: 4.8 MB in all, more than a small model's 4 MiB.</summary>
    private const int Files = 300;

    [Fact]
    public async Task ANewModelOfManySmallFilesGoesAsOneTarWhoseCallPublishesItOnceItsHashesAreKnown()
    {
        var name = "many-" + Id;
        var source = ManySmallFiles(name);

        var first = await TracedAsync("push", "./" + name, $"alpha:many-a-{Id}/");
        var second = await TracedAsync("push", "./" + name, $"alpha:many-b-{Id}/");

        // Nothing known yet: hashed here while sent, verified in the call after it.
        Assert.Equal(["prepare-target.sh", "tar-receive.sh", "finish-stage.sh"], ServerCalls(first));
        // The first push left its hashes in the cache: its expectations (too big for a command line) go ahead of the stream.
        Assert.Equal(["prepare-target.sh", "tar-finish.sh"], ServerCalls(second));
        foreach (var (push, target) in new[] { (first, $"many-a-{Id}"), (second, $"many-b-{Id}") })
        {
            Assert.DoesNotContain(push.Stderr.Split('\n'), l => RsyncRun().IsMatch(l));
            CliAssert.StdoutContains(push, "| Transport | tar over ", $"| Verified | yes ({Files} files, sha256");
            TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, target, name));
            Assert.True(File.Exists(Path.Combine(Sshd.BaseA, target, name, ".model-sync-manifest.json")));
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(Sshd.BaseA, $".model-sync-*many-*-{Id}*"));
    }

    [Fact]
    public async Task ANewModelWithAFileOverFourMiBGoesByRsync()
    {
        var name = "many-big-" + Id;
        var source = Tree(name).RandomFile("model.onnx", 4 * 1024 * 1024 + 1, seed: 7).File("config.pbtxt", "c").SetAllTimes(DateTime.UtcNow.AddHours(-1)).Root;

        var push = await TracedAsync("push", "./" + name, $"alpha:many-big-{Id}/");

        Assert.Contains(push.Stderr.Split('\n'), l => RsyncRun().IsMatch(l));
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, $"many-big-{Id}", name));
    }

    [Fact]
    public async Task AKilledTarOfManySmallFilesLeavesWhatArrivedForTheRerun()
    {
        var name = "many-killed-" + Id;
        var source = ManySmallFiles(name);
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

    private string ManySmallFiles(string name)
    {
        var tree = Tree(name);
        for (var i = 0; i < Files; i++) tree.RandomFile($"tokenizers/lang_{i % 12:000}/tokenizer_{i:00000}.json", 16 * 1024 + i, seed: i);
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

    /// <summary>The scripts run over ssh after the connect (its probe), in order.</summary>
    private static List<string> ServerCalls(CliResult result) =>
        [.. result.Stderr.Split('\n').Select(l => SshScript().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value).Where(s => s != "probe.sh")];

    [GeneratedRegex(@"^trace: .* exit +-?\d+ ssh \[([a-z-]+\.sh)\]")]
    private static partial Regex SshScript();

    [GeneratedRegex(@"^trace: .* exit +-?\d+ rsync ")]
    private static partial Regex RsyncRun();
}

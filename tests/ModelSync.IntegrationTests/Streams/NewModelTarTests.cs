using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// A small new model (at most 4 MiB) goes as one tar stream whose call also verifies and publishes it, however many
/// files it has: expectations too big for a command line go on stdin ahead of the stream. A larger one keeps rsync,
/// even of small files only (session 13 measured one tar stream for those: not reliably faster, and much slower soon
/// after many files were deleted on the server's file system).
/// </summary>
[Collection("sshd")]
public sealed class NewModelTarTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task ASmallModelOfThousandsOfTinyFilesSendsItsExpectationsAheadOfTheStreamAndIsPublishedInItsCall()
    {
        var name = "tiny-" + Id;
        var source = SmallFiles(name, 1500, 100);

        var dryRun = await TracedAsync("push", "./" + name, $"alpha:tiny-{Id}/", "--dry-run", "--json");
        var push = await TracedAsync("push", "./" + name, $"alpha:tiny-{Id}/");

        using (var json = JsonDocument.Parse(dryRun.Stdout))
            Assert.StartsWith("tar over ", json.RootElement.GetProperty("transport").GetString(), StringComparison.Ordinal);
        // 1,500 files' expectations are far more than a command line carries: they go on stdin, ahead of the tar stream.
        Assert.Equal(["prepare-target.sh", "tar-finish.sh"], TracedCalls.ServerCalls(push));
        Assert.False(TracedCalls.RanRsync(push));
        CliAssert.StdoutContains(push, "| Transport | tar over ", "| Verified | yes (1500 files, sha256");
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, $"tiny-{Id}", name));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Sshd.BaseA, $"tiny-{Id}"), ".model-sync-*"));
    }

    [Fact]
    public async Task ANewModelOfSmallFilesOverFourMiBGoesByRsync()
    {
        var name = "many-" + Id;
        var source = SmallFiles(name, 300, 16 * 1024);

        var push = await TracedAsync("push", "./" + name, $"alpha:many-{Id}/");

        Assert.True(TracedCalls.RanRsync(push));
        CliAssert.StdoutContains(push, "| Verified | yes (300 files, sha256");
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, $"many-{Id}", name));
    }

    private string SmallFiles(string name, int count, int size)
    {
        var tree = Tree(name);
        for (var i = 0; i < count; i++) tree.RandomFile($"tokenizers/lang_{i % 12:000}/tokenizer_{i:00000}.json", size + i, seed: i);
        return tree.Symlink("latest", "tokenizers").SetAllTimes(DateTime.UtcNow.AddHours(-1)).Root;
    }

    private async Task<CliResult> TracedAsync(params string[] args)
    {
        var result = await CliRunner.RunAsync(args, ConfigPath, new Dictionary<string, string> { ["MODEL_SYNC_TRACE"] = "1" }, Work);
        CliAssert.Exit(result, 0);
        return result;
    }
}

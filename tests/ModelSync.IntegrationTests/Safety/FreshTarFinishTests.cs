using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A small new model is hashed here before its tar stream leaves, and the call that unpacks it publishes only when
/// every file there hashes to what was hashed here. A file whose bytes differ from that hash by the time tar reads them
/// (made deterministic with a stale hash cache entry: same inode, size and mtime, other bytes) publishes nothing: the
/// walk then checks the stage step by step as after any send, re-sends the file, and fails the verification.
/// </summary>
[Collection("sshd")]
public sealed class FreshTarFinishTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task BytesThatDifferFromTheHashSentAlongAreNeverPublished()
    {
        var name = "m-stale-" + Id;
        var source = Tree(name).File("config.pbtxt", "config one").File("1/model.onnx", new string('w', 70_000)).SetAllTimes(DateTime.UtcNow.AddDays(-2)).Root;
        await CliOk("push", "./" + name, $"alpha:first-{Id}/");
        var config = Path.Combine(source, "config.pbtxt");
        var mtime = File.GetLastWriteTimeUtc(config);
        await using (var same = new FileStream(config, FileMode.Open, FileAccess.Write))
            await same.WriteAsync("config two"u8.ToArray());
        File.SetLastWriteTimeUtc(config, mtime);

        var result = await CliRunner.RunAsync(["push", "./" + name, $"alpha:second-{Id}/"], ConfigPath,
            new Dictionary<string, string> { ["MODEL_SYNC_TRACE"] = "1" }, Work);

        CliAssert.Exit(result, 3);
        var lines = result.Stderr.Split('\n');
        Assert.Contains(lines, l => l.Contains("[tar-finish.sh]", StringComparison.Ordinal));
        Assert.Contains("did not verify; sending them once more", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, $"second-{Id}", name)));
        Assert.Equal("config one", await File.ReadAllTextAsync(Path.Combine(Sshd.BaseA, $"first-{Id}", name, "config.pbtxt")));
    }
}

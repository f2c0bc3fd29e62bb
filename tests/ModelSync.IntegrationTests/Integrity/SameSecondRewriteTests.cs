using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Integrity;

/// <summary>
/// rsync's quick check compares mtimes to the whole second: a rewrite of the same size within the second of the copy
/// on the target looks unchanged to it. model-sync compares below the second and sends such a file, even when no
/// hash check would catch a stale copy afterwards.
/// </summary>
[Collection("sshd")]
public sealed class SameSecondRewriteTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private static readonly DateTime Written = DateTime.UnixEpoch.AddSeconds(1_750_000_000).AddMilliseconds(250);

    [Fact]
    public async Task ARewriteOfTheSameSizeWithinTheSameSecondIsSentEvenWithoutVerification()
    {
        var tree = Tree("model").File("config.pbtxt", "max_batch_size: 8").RandomFile("weights.bin", 1 << 20, 3);
        File.SetLastWriteTimeUtc(tree.PathOf("config.pbtxt"), Written);
        await CliOk("push", "./model", $"alpha:same-second-{Id}");
        tree.File("config.pbtxt", "max_batch_size: 9");
        File.SetLastWriteTimeUtc(tree.PathOf("config.pbtxt"), Written.AddMilliseconds(500));

        var push = CliAssert.Json(await CliOk("push", "./model", $"alpha:same-second-{Id}", "--no-verify", "--json")).RootElement;

        Assert.Equal("max_batch_size: 9", await File.ReadAllTextAsync(Path.Combine(Sshd.BaseA, $"same-second-{Id}", "config.pbtxt")));
        Assert.True(push.GetProperty("published").GetBoolean(), push.ToString());
    }
}

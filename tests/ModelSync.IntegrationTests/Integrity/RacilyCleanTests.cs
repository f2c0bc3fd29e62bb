using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Integrity;

/// <summary>
/// A file rewritten with the same size while a push ran, after the push had read it, keeps an mtime older than the
/// manifest the push then wrote: only the moment the push began reading its source tells that the manifest's hash
/// may not be the file's. The next push must read it, not take the manifest's word by size and mtime.
/// </summary>
[Collection("sshd")]
public sealed class RacilyCleanTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task AFileWhoseMtimeFallsWithinThePushThatHashedItIsReadAgainByTheNextPush()
    {
        var tree = Tree("model").File("f.txt", "version 1").RandomFile("weights.bin", 16 << 20, 4);
        // Within the push below (slowed to ~8 s): after it began reading, before it wrote its manifest.
        var during = DateTime.UtcNow.AddSeconds(4);
        File.SetLastWriteTimeUtc(tree.PathOf("f.txt"), during);
        await CliOk("push", "./model", $"alpha:racy-{Id}", "--bwlimit", "2000");
        tree.File("f.txt", "version 2");
        File.SetLastWriteTimeUtc(tree.PathOf("f.txt"), during);

        var push = CliAssert.Json(await CliOk("push", "./model", $"alpha:racy-{Id}", "--json")).RootElement;

        Assert.Equal("version 2", await File.ReadAllTextAsync(Path.Combine(Sshd.BaseA, $"racy-{Id}", "f.txt")));
        Assert.True(push.GetProperty("verified").GetBoolean(), push.ToString());
    }
}

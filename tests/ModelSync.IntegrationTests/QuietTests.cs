using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary><c>--quiet</c>: the result alone, except what must never be hidden.</summary>
[Collection("sshd")]
public sealed class QuietTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task Quiet_push_prints_only_the_result()
    {
        Tree("m").File("config.pbtxt", "v1").File("1/model.onnx", "weights");

        var result = await CliOk("push", "./m", "alpha:quiet-" + Id, "--quiet");

        CliAssert.StdoutLacks(result, "Syncing to", "## Transfer Progress", "- config.pbtxt");
        CliAssert.StdoutContains(result, "## Result", "| Verified | yes (2 files, sha256", "Sync complete");
        Assert.DoesNotContain("model-sync: Verifying", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quiet_still_shows_what_delete_would_remove()
    {
        Tree("m").File("config.pbtxt", "v1");
        await CliOk("push", "./m", "alpha:quiet-del-" + Id);
        await File.WriteAllTextAsync(Path.Combine(Sshd.BaseA, "quiet-del-" + Id, "old.bin"), "x");

        var refused = await Cli("push", "./m", "alpha:quiet-del-" + Id, "--delete", "--quiet");

        CliAssert.Error(refused, 2, "--delete would remove 1 file(s)");
        CliAssert.StdoutContains(refused, "## Files to delete (--delete): 1", "- old.bin");
    }
}

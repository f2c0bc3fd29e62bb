using System.Text;
using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// Output sized for an agent's context whatever the model's size: a 2,000-file model's every default report stays
/// under 4 KB (Markdown lists cut at 30, JSON lists at 10, each with a count), and <c>--files</c> still lists every file.
/// </summary>
[Collection("sshd")]
public sealed class OutputBoundsTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const int FileCount = 2000;
    private const int MaxBytes = 4 * 1024;

    private void ManyFiles(string name)
    {
        var tree = Tree(name);
        for (var i = 0; i < FileCount; i++) tree.File($"shards/model-{i:00000}-of-{FileCount:00000}.safetensors", $"{i}");
    }

    [Fact]
    public async Task EveryDefaultOutputOfA2000FileModelStaysUnder4KB()
    {
        ManyFiles("big");
        var target = "alpha:bounds-" + Id;

        var diff = Small(await CliOk("diff", "./big", target));
        CliAssert.StdoutContains(diff, $"Summary: 0 same, {FileCount} new", "… and 1970 more");
        Assert.Equal(FileCount, Entries(Small(await CliOk("--json", "diff", "./big", target)), "entries", total: FileCount));
        Small(await CliOk("push", "./big", target, "--dry-run"));
        Assert.Equal(FileCount, Entries(Small(await CliOk("--json", "push", "./big", target, "--dry-run")), "changes", total: FileCount));

        var push = Small(await CliOk("push", "./big", target));
        CliAssert.StdoutContains(push, "## Transfer Progress", "- … and 1970 more", "Sync complete");
        Entries(Small(await CliOk("--json", "push", "./big", "alpha:bounds-json-" + Id)), "changes", total: FileCount);

        CliAssert.StdoutContains(Small(await CliOk("verify", "./big", target)), $"Result: OK — all {FileCount} files match");
        var synced = Small(await CliOk("diff", "./big", target));
        CliAssert.StdoutContains(synced, $"Summary: {FileCount} same, 0 new", "In sync: nothing to push.");
        CliAssert.StdoutLacks(synced, "| same |");
        Assert.Equal(0, Entries(Small(await CliOk("--json", "diff", "./big", target)), "entries", total: 0));
    }

    [Fact]
    public async Task FilesListsEveryEntryInMarkdownAndJson()
    {
        ManyFiles("all");
        var target = "alpha:bounds-all-" + Id;

        var diff = await CliOk("diff", "./all", target, "--files");
        Assert.Equal(FileCount, diff.Stdout.Split('\n').Count(l => l.EndsWith("| new |", StringComparison.Ordinal)));
        CliAssert.StdoutLacks(diff, "more (--files");
        using (var json = CliAssert.Json(await CliOk("--json", "diff", "./all", target, "--files")))
        {
            Assert.Equal(FileCount, json.RootElement.GetProperty("entries").GetArrayLength());
            Assert.False(json.RootElement.GetProperty("entries_truncated").GetBoolean());
        }
        using var dryRun = CliAssert.Json(await CliOk("--json", "push", "./all", target, "--dry-run", "--files"));
        Assert.Equal(FileCount, dryRun.RootElement.GetProperty("changes").GetArrayLength());
    }

    private static CliResult Small(CliResult result)
    {
        var bytes = Encoding.UTF8.GetByteCount(result.Stdout);
        Assert.True(bytes <= MaxBytes, $"stdout is {bytes} bytes, over {MaxBytes}\n{result}");
        return result;
    }

    /// <summary>Checks a bounded JSON list (at most 10 listed, its total and truncated flag agreeing) and returns its total.</summary>
    private static int Entries(CliResult result, string list, int total)
    {
        using var doc = CliAssert.Json(result);
        var root = doc.RootElement;
        Assert.Equal(total, root.GetProperty(list + "_total").GetInt32());
        Assert.Equal(Math.Min(total, 10), root.GetProperty(list).GetArrayLength());
        Assert.Equal(total > 10, root.GetProperty(list + "_truncated").GetBoolean());
        return root.GetProperty(list + "_total").GetInt32();
    }
}

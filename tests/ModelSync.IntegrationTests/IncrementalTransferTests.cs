using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>Second and later pushes: nothing re-sent when nothing changed, only the change otherwise; --delete, --dry-run, --no-verify.</summary>
[Collection("sshd")]
public sealed class IncrementalTransferTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private string Model => "inc-" + Id;

    private string Target => Path.Combine(Sshd.BaseA, Model);

    private TreeBuilder BuildSource() => Tree(Model)
        .RandomFile("weights.bin", 100_000, seed: 11)
        .File("config.json", "{\"v\": 1}\n")
        .File("notes.txt", "first\n")
        .EmptyFile("empty")
        .Dir("empty dir")
        .Symlink("link", "weights.bin");

    [Fact]
    public async Task UnchangedRepushSendsNothingAndStillVerifies()
    {
        BuildSource();
        await CliOk("push", "./" + Model, "alpha");

        var again = await CliOk("--json", "push", "./" + Model, "alpha");

        using var doc = CliAssert.Json(again);
        var root = doc.RootElement;
        Assert.Equal(0, root.GetProperty("bytes_sent").GetInt64());
        Assert.True(root.GetProperty("verified").GetBoolean(), again.ToString());
        Assert.Equal("verified", root.GetProperty("verification").GetProperty("status").GetString());
        Assert.Equal(4, root.GetProperty("verification").GetProperty("files").GetInt32());
        Assert.Equal(0, root.GetProperty("changes").GetArrayLength());

        var markdown = await CliOk("push", "./" + Model, "alpha");
        CliAssert.StdoutContains(markdown, "- nothing to send", "| Verified | yes (4 files", "Sync complete");
        TreeComparer.AssertSameTree(Path.Combine(Work, Model), Target);
    }

    [Fact]
    public async Task ChangedFileIsTheOnlyOneSent()
    {
        var source = BuildSource();
        await CliOk("push", "./" + Model, "alpha");
        source.File("notes.txt", "second version, longer\n");

        var result = await CliOk("push", "./" + Model, "alpha");

        CliAssert.StdoutContains(result, "- notes.txt (", "| Verified | yes (4 files", "Sync complete");
        CliAssert.StdoutLacks(result, "- weights.bin (", "- config.json (");
        TreeComparer.AssertSameTree(source.Root, Target);

        source.File("config.json", "{\"v\": 2}\n");
        var json = await CliOk("--json", "push", "./" + Model, "alpha");
        using var doc = CliAssert.Json(json);
        var changes = doc.RootElement.GetProperty("changes").EnumerateArray().ToList();
        var change = Assert.Single(changes);
        Assert.Equal("config.json", change.GetProperty("path").GetString());
        Assert.Equal("modified", change.GetProperty("action").GetString());
        var sent = doc.RootElement.GetProperty("bytes_sent").GetInt64();
        Assert.True(sent > 0 && sent < 100_000, $"expected only config.json on the wire, bytes_sent={sent}\n{json}");
        TreeComparer.AssertSameTree(source.Root, Target);
    }

    [Fact]
    public async Task AnEditThatKeepsTheSizeWithinTheSameSecondIsStillSent()
    {
        var source = BuildSource();
        var config = Path.Combine(source.Root, "config.json");
        var second = DateTime.UnixEpoch.AddSeconds(1_750_000_000);
        File.SetLastWriteTimeUtc(config, second.AddMilliseconds(250));
        await CliOk("push", "./" + Model, "alpha");

        File.WriteAllText(config, "{\"v\": 7}\n");
        File.SetLastWriteTimeUtc(config, second.AddMilliseconds(750));
        var diff = await CliOk("diff", "./" + Model, "alpha");
        var pushed = await CliOk("push", "./" + Model, "alpha");

        Assert.Equal("modified", CliAssert.Cell(diff, "config.json", "Status"));
        CliAssert.StdoutContains(pushed, "- config.json (", "| Verified | yes (4 files", "Sync complete");
        Assert.Equal("{\"v\": 7}\n", File.ReadAllText(Path.Combine(Target, "config.json")));
        var again = await CliOk("push", "./" + Model, "alpha");
        CliAssert.StdoutContains(again, "- nothing to send");
    }

    [Fact]
    public async Task TargetOnlyFileIsKeptWithoutDeleteAndRemovedWithDelete()
    {
        var source = BuildSource();
        await CliOk("push", "./" + Model, "alpha");
        File.WriteAllText(Path.Combine(Target, "extra.txt"), "only on the server\n");
        Directory.CreateDirectory(Path.Combine(Target, "extra dir"));

        var kept = await CliOk("push", "./" + Model, "alpha");
        Assert.True(File.Exists(Path.Combine(Target, "extra.txt")), $"extra.txt deleted without --delete\n{kept}");
        Assert.True(Directory.Exists(Path.Combine(Target, "extra dir")), $"extra dir deleted without --delete\n{kept}");

        var deleted = await CliOk("push", "./" + Model, "alpha", "--delete", "--yes");
        CliAssert.StdoutContains(deleted, "- deleted extra.txt", "Sync complete");
        TreeComparer.AssertSameTree(source.Root, Target);
    }

    [Fact]
    public async Task DryRunListsSendsAndDeletesButChangesNothing()
    {
        var source = BuildSource();
        await CliOk("push", "./" + Model, "alpha");
        File.WriteAllText(Path.Combine(Target, "extra.txt"), "only on the server\n");
        source.File("added.bin", "new file\n").File("notes.txt", "changed notes, longer\n");
        var before = TreeComparer.Snapshot(Target);
        var baseBefore = Directory.EnumerateFileSystemEntries(Sshd.BaseA).Order(StringComparer.Ordinal).ToList();

        var dry = await CliOk("push", "./" + Model, "alpha", "--dry-run", "--delete");

        CliAssert.StdoutContains(dry, "## Plan (dry run: nothing was changed)", "Would send 2 files", "and delete 1.");
        Assert.Equal("send (new)", CliAssert.Cell(dry, "added.bin", "Action"));
        Assert.Equal("send (update)", CliAssert.Cell(dry, "notes.txt", "Action"));
        Assert.Equal("delete", CliAssert.Cell(dry, "extra.txt", "Action"));
        CliAssert.StdoutLacks(dry, "## Result", "Sync complete");
        TreeComparer.AssertUnchanged(before, Target);
        Assert.Equal(baseBefore, Directory.EnumerateFileSystemEntries(Sshd.BaseA).Order(StringComparer.Ordinal).ToList());

        var dryJson = await CliOk("--json", "push", "./" + Model, "alpha", "--dry-run", "--delete");
        using var doc = CliAssert.Json(dryJson);
        Assert.True(doc.RootElement.GetProperty("dry_run").GetBoolean());
        Assert.Equal(0, doc.RootElement.GetProperty("bytes_sent").GetInt64());
        var actions = doc.RootElement.GetProperty("changes").EnumerateArray()
            .Select(c => c.GetProperty("path").GetString() + ":" + c.GetProperty("action").GetString())
            .Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["added.bin:new", "extra.txt:delete", "notes.txt:modified"], actions);
        TreeComparer.AssertUnchanged(before, Target);
    }

    [Fact]
    public async Task NoVerifySkipsVerification()
    {
        var source = BuildSource();
        var result = await CliOk("push", "./" + Model, "alpha", "--no-verify");

        Assert.Equal("skipped", CliAssert.Cell(result, "Verified", "Value"));
        CliAssert.StdoutContains(result, "Sync complete");
        TreeComparer.AssertSameTree(source.Root, Target);

        var json = await CliOk("--json", "push", "./" + Model, "alpha", "--no-verify");
        using var doc = CliAssert.Json(json);
        Assert.False(doc.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal("skipped", doc.RootElement.GetProperty("verification").GetProperty("status").GetString());
    }

    [Fact]
    public async Task PullWithDeleteRemovesLocalExtrasAndCompressWorks()
    {
        var source = BuildSource();
        await CliOk("push", "./" + Model, "alpha", "--compress");
        TreeComparer.AssertSameTree(source.Root, Target);

        await CliOk("pull", "alpha:" + Model, "./copy/");
        var copy = new TreeBuilder(Path.Combine(Work, "copy", Model)).File("local-only.txt", "x\n").Dir("local dir");

        var kept = await CliOk("pull", "alpha:" + Model, "./copy/");
        Assert.True(File.Exists(copy.PathOf("local-only.txt")), $"pull without --delete removed a local file\n{kept}");

        var deleted = await CliOk("pull", "alpha:" + Model, "./copy/", "--delete", "--yes");
        CliAssert.StdoutContains(deleted, "- deleted local-only.txt");
        TreeComparer.AssertSameTree(source.Root, copy.Root);
    }

    [Fact]
    public async Task ReplacingAFileTargetWithADirectoryAndBack()
    {
        Tree("file-src").File(Model, "I am a single file\n");
        var first = await CliRunner.RunAsync(["push", "./" + Model, "alpha"], ConfigPath, workingDirectory: Path.Combine(Work, "file-src"));
        CliAssert.Exit(first, 0);
        Assert.True(File.Exists(Target), "single file was not pushed");

        // Each replacement removes what was there, so it takes --delete --yes (see Safety/KindChangeTests).
        var source = BuildSource();
        await CliOk("push", "./" + Model, "alpha", "--delete", "--yes");
        TreeComparer.AssertSameTree(source.Root, Target);

        var back = await CliRunner.RunAsync(["push", "./" + Model, "alpha", "--delete", "--yes"], ConfigPath, workingDirectory: Path.Combine(Work, "file-src"));
        CliAssert.Exit(back, 0);
        TreeComparer.AssertSameTree(Path.Combine(Work, "file-src", Model), Target);
        Assert.Empty(Directory.EnumerateFileSystemEntries(Sshd.BaseA, ".model-sync-*" + Model));
    }
}

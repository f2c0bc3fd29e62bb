using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A file never replaces a directory, nor a directory a file, without <c>--delete --yes</c>: refused with exit 2 and
/// nothing changed (no stage, no lock left); with them, replaced. Dry runs and the prompt list what goes.
/// </summary>
[Collection("sshd")]
public sealed class KindChangeTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const string HowToProceed = "run again with --delete --yes";

    [Theory]
    [InlineData("alpha")]
    [InlineData("local")]
    public async Task AFilePushedOntoAModelDirectoryIsRefusedAndTheDirectoryStays(string alias)
    {
        var model = ModelTree("m");
        var name = "dir-" + Id;
        await CliOk("push", model.Root, $"{alias}:{name}");
        var target = Path.Combine(alias == "local" ? Sshd.LocalBase : Sshd.BaseA, name);
        var before = TreeComparer.Snapshot(target);

        var refused = await Cli("push", model.PathOf("config.pbtxt"), $"{alias}:{name}");

        AssertRefused(refused, before, target, "5 entries would be removed without --delete", "the target itself (a directory, replaced by a file)", "1/model.onnx");

        await AssertReplacedAsync(model.PathOf("config.pbtxt"), target, "push", model.PathOf("config.pbtxt"), $"{alias}:{name}");
    }

    [Fact]
    public async Task ADryRunOfAFileOntoAModelDirectoryListsAllItWouldRemove()
    {
        var model = ModelTree("m");
        var name = "dry-" + Id;
        await CliOk("push", model.Root, "alpha:" + name);

        var dry = await CliOk("push", model.PathOf("config.pbtxt"), "alpha:" + name, "--dry-run");
        var json = await CliOk("--json", "push", model.PathOf("config.pbtxt"), "alpha:" + name, "--dry-run");

        Assert.Equal("replace", CliAssert.Cell(dry, "(the file itself)", "Action"));
        foreach (var removed in new[] { "1", "1/model.onnx", "config.pbtxt", "labels.txt" })
            Assert.Equal("delete", CliAssert.Cell(dry, removed, "Action"));
        CliAssert.StdoutContains(dry, "and delete 5.", "Needs --delete");
        CliAssert.StdoutLacks(dry, "kept");
        JsonSchemas.Valid(json, JsonSchemas.FileFor("push"));
        using var doc = CliAssert.Json(json);
        Assert.Equal(
            [("", "replace"), ("1", "delete"), ("1/model.onnx", "delete"), ("config.pbtxt", "delete"), ("labels.txt", "delete")],
            doc.RootElement.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("path").GetString(), c.GetProperty("action").GetString())));
        Assert.True(Directory.Exists(Path.Combine(Sshd.BaseA, name, "1")));
    }

    [Fact]
    public async Task AModelDirectoryPushedOntoAFileIsRefusedAndTheFileStays()
    {
        var notes = Tree("notes").File("notes.txt", "keep me").PathOf("notes.txt");
        var model = ModelTree("m");
        var name = "file-" + Id;
        await CliOk("push", notes, "alpha:" + name);
        var target = Path.Combine(Sshd.BaseA, name);
        var before = TreeComparer.Snapshot(target);

        var refused = await Cli("push", model.Root, "alpha:" + name);

        AssertRefused(refused, before, target, "1 entry would be removed without --delete", "the target itself (a file)");

        await AssertReplacedAsync(model.Root, target, "push", model.Root, "alpha:" + name);
    }

    [Fact]
    public async Task APullOntoALocalFileIsRefusedAndTheFileStays()
    {
        var model = ModelTree("m");
        var name = "pulled-" + Id;
        await CliOk("push", model.Root, "alpha:" + name);
        var notes = Tree("here").File("notes.txt", "my notes").PathOf("notes.txt");
        var before = TreeComparer.Snapshot(notes);

        var refused = await Cli("pull", "alpha:" + name, notes);

        AssertRefused(refused, before, notes, "the target itself (a file)");

        await AssertReplacedAsync(model.Root, notes, "pull", "alpha:" + name, notes);
    }

    [Fact]
    public async Task KindChangesInsideAModelNeedDeleteAndThePromptListsWhatGoes()
    {
        var old = Tree("old").File("config.pbtxt", "v1").File("tokenizer/vocab.txt", "a b c").File("tokenizer/merges.txt", "ab")
            .File("labels", "cat").File("1/model.onnx", "w1");
        var name = "nested-" + Id;
        await CliOk("push", old.Root, "alpha:" + name);
        var source = Tree("new").File("config.pbtxt", "v2").File("tokenizer", "one file now").File("labels/en.txt", "cat")
            .Symlink("1", "elsewhere");
        var target = Path.Combine(Sshd.BaseA, name);
        var before = TreeComparer.Snapshot(target);

        var refused = await Cli("push", source.Root, "alpha:" + name);
        var unconfirmed = await Cli("push", source.Root, "alpha:" + name, "--delete");

        AssertRefused(refused, before, target, "would be removed without --delete", "1/ (a directory, replaced by a symlink)");
        CliAssert.Error(unconfirmed, 2, "--delete would remove 6 files", "--yes");
        CliAssert.StdoutContains(unconfirmed, "## Files to delete (--delete): 6", "- 1/ (a directory, replaced by a symlink)", "- 1/model.onnx",
            "- labels (a file, replaced by a directory)", "- tokenizer/ (a directory, replaced by a file)", "- tokenizer/merges.txt", "- tokenizer/vocab.txt");
        TreeComparer.AssertUnchanged(before, target);

        await AssertReplacedAsync(source.Root, target, "push", source.Root, "alpha:" + name);
    }

    [Fact]
    public async Task ACopyOfAFileOntoAModelDirectoryOnAnotherServerIsRefused()
    {
        var model = ModelTree("m");
        var name = "copied-" + Id;
        await CliOk("push", model.PathOf("config.pbtxt"), "alpha:" + name);
        await CliOk("push", model.Root, "beta:" + name);
        var target = Path.Combine(Sshd.BaseB, name);
        var before = TreeComparer.Snapshot(target);

        var refused = await Cli("copy", "alpha:" + name, "beta:" + name);

        AssertRefused(refused, before, target, "the target itself (a directory, replaced by a file)");
    }

    [Fact]
    public async Task APersonAtTheDeletePromptHoldsNoLockAndATargetChangedMeanwhileIsNotDeletedFrom()
    {
        var name = "prompted-" + Id;
        await CliOk("push", Tree("v1").File("config.pbtxt", "v1").File("stale.bin", "old").Root, "alpha:" + name);
        var other = Tree("other").File("config.pbtxt", "v1").File("added-meanwhile.txt", "someone else's").Root;
        var target = Path.Combine(Sshd.BaseA, name);

        using var prompted = PtyRunner.Start(["push", Tree("v2").File("config.pbtxt", "v2").Root, "alpha:" + name, "--delete"], ConfigPath, Work);
        await prompted.WaitForAsync("[y/N]");
        var meanwhile = await Cli("push", other, "alpha:" + name);
        await prompted.TypeLineAsync("y");
        var answered = await prompted.WaitForExitAsync();

        CliAssert.Exit(meanwhile, 0);
        Assert.Contains("- stale.bin", answered.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, answered.ExitCode);
        Assert.Contains("changed after it was listed", answered.Stdout, StringComparison.Ordinal);
        Assert.Contains("added-meanwhile.txt", answered.Stdout, StringComparison.Ordinal);
        Assert.Equal("someone else's", await File.ReadAllTextAsync(Path.Combine(target, "added-meanwhile.txt")));
        Assert.Equal("old", await File.ReadAllTextAsync(Path.Combine(target, "stale.bin")));
        AssertNoLeftovers(target);
    }

    [Fact]
    public async Task ATargetUnchangedWhileThePromptWaitedGetsExactlyTheConfirmedDeletes()
    {
        var name = "confirmed-" + Id;
        await CliOk("push", Tree("v1").File("config.pbtxt", "v1").File("stale.bin", "old").Root, "alpha:" + name);
        var source = Tree("v2").File("config.pbtxt", "v2").Root;

        var (_, answered) = await PtyRunner.AnswerAsync(["push", source, "alpha:" + name, "--delete"], ConfigPath, Work, "y");

        Assert.True(answered.ExitCode == 0, answered.ToString());
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, name));
    }

    private TreeBuilder ModelTree(string relative) =>
        Tree(relative).File("config.pbtxt", "name: \"m\"").File("1/model.onnx", "weights").File("labels.txt", "cat\n");

    /// <summary>Exit 2 naming what would go and how to proceed; the target as it was, with nothing left beside it.</summary>
    private static void AssertRefused(CliResult refused, SortedDictionary<string, TreeNode> before, string target, params string[] named)
    {
        CliAssert.Error(refused, 2, [.. named, HowToProceed]);
        TreeComparer.AssertUnchanged(before, target);
        AssertNoLeftovers(target);
    }

    /// <summary>The same command with --delete --yes replaces the target with <paramref name="source"/>.</summary>
    private async Task AssertReplacedAsync(string source, string target, params string[] command)
    {
        CliAssert.Exit(await Cli([.. command, "--delete", "--yes"]), 0);
        TreeComparer.AssertSameTree(source, target);
    }

    /// <summary>No stage, seed, lock or old copy next to the target.</summary>
    private static void AssertNoLeftovers(string target) =>
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(target)!, ".model-sync-*" + Path.GetFileName(target) + "*"));
}

using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// Nothing is written or deleted through a symlink model-sync did not make: not at the target's name (a push or
/// pull there is refused, or with <c>--replace-link</c> the link itself is replaced), not at any hidden name it uses
/// (a link planted there is removed, never followed), over ssh and on this machine alike. A directory a link points
/// to is compared byte for byte before and after; every test here uses one outside model_base.
/// </summary>
[Collection("sshd")]
public sealed class SymlinkTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private string BaseOf(string alias) => alias == "local" ? Sshd.LocalBase : Sshd.BaseA;

    /// <summary>A directory outside every model_base, holding what a careless push would overwrite or delete.</summary>
    private (string Root, SortedDictionary<string, TreeNode> Before) Elsewhere()
    {
        var root = Tree("elsewhere").File("config.pbtxt", "precious config").File("only-here.txt", "would be deleted by --delete").Root;
        return (root, TreeComparer.Snapshot(root));
    }

    private string Model(string relative, string version) =>
        Tree(relative).File("config.pbtxt", "config " + version).File("1/model.onnx", "weights " + version).Root;

    [Theory]
    [InlineData("alpha", "")]
    [InlineData("alpha", "--dry-run")]
    [InlineData("alpha", "--delete --yes")]
    [InlineData("local", "")]
    [InlineData("local", "--delete --yes")]
    public async Task APushToASymlinkIsRefusedAndWhatItPointsToIsLeftAlone(string alias, string flags)
    {
        var (elsewhere, before) = Elsewhere();
        var name = "victim-" + Id;
        var link = Path.Combine(BaseOf(alias), name);
        File.CreateSymbolicLink(link, elsewhere);
        Model(name, "new");

        var result = await Cli(["push", "./" + name, alias, .. flags.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        CliAssert.Error(result, 2, link, "is a symlink", elsewhere, "--replace-link");
        TreeComparer.AssertUnchanged(before, elsewhere);
        Assert.Equal(elsewhere, new FileInfo(link).LinkTarget);
    }

    [Fact]
    public async Task APushToAVersionLinkIsRefusedAndTheVersionItNamesIsNotRewritten()
    {
        var shelf = Path.Combine(Sshd.BaseA, "shelf-" + Id);
        var v3 = new TreeBuilder(Path.Combine(shelf, "v3")).File("config.pbtxt", "config v3").File("1/model.onnx", "weights v3").Root;
        var v3Before = TreeComparer.Snapshot(v3);
        File.CreateSymbolicLink(Path.Combine(shelf, "current"), "v3");
        var v4 = Model("v4", "v4");

        var result = await Cli("push", v4, $"alpha:shelf-{Id}/current", "--delete", "--yes");

        CliAssert.Error(result, 2, "current is a symlink", "v3", "--replace-link");
        TreeComparer.AssertUnchanged(v3Before, v3);
        Assert.Equal("v3", new FileInfo(Path.Combine(shelf, "current")).LinkTarget);
    }

    [Fact]
    public async Task ReplaceLinkPublishesTheModelInTheLinkSPlaceAndLeavesTheLinkedVersionAlone()
    {
        var shelf = Path.Combine(Sshd.BaseA, "shelf-" + Id);
        var v3 = new TreeBuilder(Path.Combine(shelf, "v3")).File("config.pbtxt", "config v3").File("stale.txt", "only in v3").Root;
        var v3Before = TreeComparer.Snapshot(v3);
        var current = Path.Combine(shelf, "current");
        File.CreateSymbolicLink(current, "v3");
        var v4 = Model("v4", "v4");

        var dryRun = await Cli("push", v4, $"alpha:shelf-{Id}/current", "--replace-link", "--delete", "--yes", "--dry-run");
        CliAssert.Exit(dryRun, 0);
        Assert.Equal("v3", new FileInfo(current).LinkTarget);

        var result = await Cli("push", v4, $"alpha:shelf-{Id}/current", "--replace-link", "--delete", "--yes");
        CliAssert.Exit(result, 0);
        foreach (var run in new[] { dryRun, result }) Assert.Contains("replacing the symlink", run.Stderr, StringComparison.Ordinal);
        Assert.Null(new FileInfo(current).LinkTarget);
        TreeComparer.AssertSameTree(v4, current);
        TreeComparer.AssertUnchanged(v3Before, v3);
        Assert.Equal(["current", "v3"], Directory.EnumerateFileSystemEntries(shelf).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task APullOntoALocalSymlinkIsRefusedAndReplaceLinkPutsTheModelInItsPlace()
    {
        var name = "pulled-" + Id;
        var source = Model("src/" + name, "v1");
        CliAssert.Exit(await Cli("push", source, "alpha"), 0);
        var (elsewhere, before) = Elsewhere();
        var link = Path.Combine(Work, "dest", name);
        Directory.CreateDirectory(Path.GetDirectoryName(link)!);
        File.CreateSymbolicLink(link, elsewhere);

        var refused = await Cli("pull", "alpha:" + name, "./dest/", "--delete", "--yes");
        CliAssert.Error(refused, 2, link, "is a symlink", elsewhere, "--replace-link");
        TreeComparer.AssertUnchanged(before, elsewhere);
        Assert.Equal(elsewhere, new FileInfo(link).LinkTarget);

        var replaced = await Cli("pull", "alpha:" + name, "./dest/", "--delete", "--yes", "--replace-link");
        CliAssert.Exit(replaced, 0);
        Assert.Null(new FileInfo(link).LinkTarget);
        TreeComparer.AssertSameTree(source, link);
        TreeComparer.AssertUnchanged(before, elsewhere);
    }

    /// <summary>
    /// A link at the stage, seed, old, lock or partial name (or a file where the lock's directory belongs), left by
    /// anyone: the push removes it, publishes a real directory, and what the link pointed to is untouched.
    /// </summary>
    [Theory]
    [InlineData("alpha", "stage")]
    [InlineData("alpha", "seed")]
    [InlineData("alpha", "old")]
    [InlineData("alpha", "lock")]
    [InlineData("alpha", "lock-file")]
    [InlineData("local", "stage")]
    [InlineData("local", "seed")]
    [InlineData("local", "old")]
    [InlineData("local", "lock")]
    [InlineData("local", "partial")]
    public async Task ALinkPlantedAtAHiddenNameIsRemovedNotFollowed(string alias, string planted)
    {
        var directory = Path.Combine(BaseOf(alias), "planted-" + Id);
        var target = Path.Combine(directory, "m");
        CliAssert.Exit(await Cli("push", Model("v1/m", "v1"), $"{alias}:planted-{Id}/"), 0);
        var (elsewhere, before) = Elsewhere();
        var role = planted.Split('-')[0];
        var hidden = Path.Combine(directory, $".model-sync-{role}.m");
        if (planted.EndsWith("-file", StringComparison.Ordinal)) await File.WriteAllTextAsync(hidden, "not a lock");
        else File.CreateSymbolicLink(hidden, elsewhere);
        var v2 = Tree("v2/m").File("config.pbtxt", "config v2").File("2/model.onnx", "weights v2").Root;

        var result = await Cli("push", v2, $"{alias}:planted-{Id}/", "--delete", "--yes");

        CliAssert.Exit(result, 0);
        Assert.Null(new FileInfo(target).LinkTarget);
        TreeComparer.AssertSameTree(v2, target);
        TreeComparer.AssertUnchanged(before, elsewhere);
        Assert.Equal(["m"], Directory.EnumerateFileSystemEntries(directory).Select(Path.GetFileName));
    }

    /// <summary>
    /// The manifest is written to a temporary name and renamed over the real one, both inside the model: a link planted at
    /// either (and carried into the stage by its hard-link seed) is replaced, never written through nor renamed into.
    /// </summary>
    [Theory]
    [InlineData("alpha", ".model-sync-manifest.json.tmp")]
    [InlineData("alpha", ".model-sync-manifest.json")]
    [InlineData("local", ".model-sync-manifest.json.tmp")]
    [InlineData("local", ".model-sync-manifest.json")]
    public async Task ALinkPlantedAtAManifestNameInsideTheModelIsReplacedNotFollowed(string alias, string planted)
    {
        var target = Path.Combine(BaseOf(alias), "manifest-" + Id, "m");
        CliAssert.Exit(await Cli("push", Model("v1/m", "v1"), $"{alias}:manifest-{Id}/"), 0);
        var (elsewhere, before) = Elsewhere();
        var manifest = Path.Combine(target, ".model-sync-manifest.json");
        File.Delete(manifest);
        // The temporary name at a file (cat > would write into it), the real one at a directory (mv would move into it).
        File.CreateSymbolicLink(Path.Combine(target, planted), planted == ".model-sync-manifest.json" ? elsewhere : Path.Combine(elsewhere, "config.pbtxt"));

        var result = await Cli("push", Model("v2/m", "v2"), $"{alias}:manifest-{Id}/");

        CliAssert.Exit(result, 0);
        TreeComparer.AssertUnchanged(before, elsewhere);
        Assert.Null(new FileInfo(manifest).LinkTarget);
        Assert.Contains("\"files\"", await File.ReadAllTextAsync(manifest), StringComparison.Ordinal);
    }

    /// <summary>Links above the target are the machine's layout, not the tool's business: model_base itself, or a directory pushed into.</summary>
    [Fact]
    public async Task LinksAboveTheTargetAreFollowedAsUsual()
    {
        var realBase = Directory.CreateDirectory(Path.Combine(Sshd.BaseA, "real-base-" + Id)).FullName;
        var linkedBase = Path.Combine(Sshd.BaseA, "base-" + Id);
        File.CreateSymbolicLink(linkedBase, realBase);
        Directory.CreateDirectory(Path.Combine(realBase, "real-shelf"));
        File.CreateSymbolicLink(Path.Combine(realBase, "shelf"), "real-shelf");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "linked", linkedBase));
        var (v1, v2) = (Model("v1/m", "v1"), Model("v2/m", "v2"));

        CliAssert.Exit(await CliWith(config, "push", v1, "linked"), 0);
        CliAssert.Exit(await CliWith(config, "push", v2, "linked"), 0); // over the first: a seeded stage, through the linked base
        CliAssert.Exit(await CliWith(config, "push", v1, "linked:shelf/"), 0);

        TreeComparer.AssertSameTree(v2, Path.Combine(realBase, "m"));
        TreeComparer.AssertSameTree(v1, Path.Combine(realBase, "real-shelf", "m"));
        Assert.Equal(realBase, new FileInfo(linkedBase).LinkTarget);
        Assert.Equal("real-shelf", new FileInfo(Path.Combine(realBase, "shelf")).LinkTarget);
    }
}

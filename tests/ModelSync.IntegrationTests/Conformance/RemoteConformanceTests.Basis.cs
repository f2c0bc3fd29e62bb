using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>The contract of a stage seeded from another version beside the target, and of listing what is beside it.</summary>
public abstract partial class RemoteConformanceTests
{
    [Fact]
    public async Task AStageFromABasisHoldsHardLinksOfTheNamedFilesOnlyAndIsKeptForAResume()
    {
        var basis = Path.Join(Root, "v1");
        Directory.CreateDirectory(Path.Join(basis, "1"));
        File.WriteAllText(Path.Join(basis, "1", "w.bin"), "old weights");
        File.WriteAllText(Path.Join(basis, "config"), "c");
        File.WriteAllText(Path.Join(basis, "only-old"), "x");
        File.WriteAllText(Path.Join(basis, ModelManifest.FileName), "{}");
        var target = Path.Join(Root, "v2");
        var stage = StageNames.Stage(target);

        await Remote.PrepareStageFromAsync(target, EntryKind.Directory, basis, ["1/w.bin", "config", "not-in-basis"], replaceStage: false, CancellationToken.None);
        File.WriteAllText(Path.Join(stage, "partial"), "resume me");
        await Remote.PrepareStageFromAsync(target, EntryKind.Directory, basis, ["1/w.bin", "config"], replaceStage: false, CancellationToken.None);

        Assert.Equal(["1", "config", "partial"], Directory.GetFileSystemEntries(stage).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Inode(Path.Join(basis, "1", "w.bin")), Inode(Path.Join(stage, "1", "w.bin")));
        Assert.Equal(Inode(Path.Join(basis, "config")), Inode(Path.Join(stage, "config")));
        Assert.False(Directory.Exists(StageNames.Seed(target)));
        Assert.Equal([ModelManifest.FileName, "1", "config", "only-old"], Directory.GetFileSystemEntries(basis).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ReplacingTheStageItMadeSeedsAFreshOneFromTheBasisInTheSameCall()
    {
        var basis = Path.Join(Root, "v1");
        Directory.CreateDirectory(basis);
        File.WriteAllText(Path.Join(basis, "config"), "c");
        var target = Path.Join(Root, "v2");
        var stage = StageNames.Stage(target);
        Directory.CreateDirectory(stage);
        File.WriteAllText(Path.Join(stage, "left-over"), "x");

        await Remote.PrepareStageFromAsync(target, EntryKind.Directory, basis, ["config"], replaceStage: true, CancellationToken.None);

        Assert.Equal(["config"], Directory.GetFileSystemEntries(stage).Select(Path.GetFileName));
        Assert.Equal(Inode(Path.Join(basis, "config")), Inode(Path.Join(stage, "config")));
        Assert.Equal(["config"], Directory.GetFileSystemEntries(basis).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AFileModelStageFromABasisIsAHardLinkOfIt()
    {
        var basis = Path.Join(Root, "m1.plan");
        File.WriteAllText(basis, "v1");
        var target = Path.Join(Root, "m2.plan");

        await Remote.PrepareStageFromAsync(target, EntryKind.File, basis, [], replaceStage: false, CancellationToken.None);

        Assert.Equal(Inode(basis), Inode(StageNames.Stage(target)));
    }

    /// <summary>A basis that is a link is never followed, nor one of the other kind used: the stage starts empty.</summary>
    [Theory]
    [InlineData("link")]
    [InlineData("file")]
    public async Task ABasisThatIsASymlinkOrAFileSeedsNothing(string what)
    {
        var elsewhere = Elsewhere();
        var basis = Path.Join(Root, "v1");
        if (what == "link") File.CreateSymbolicLink(basis, elsewhere);
        else File.WriteAllText(basis, "keep");
        var target = Path.Join(Root, "v2");
        var stage = StageNames.Stage(target);

        await Remote.PrepareStageFromAsync(target, EntryKind.Directory, basis, ["keep.txt"], replaceStage: false, CancellationToken.None);

        Assert.Null(new FileInfo(stage).LinkTarget);
        Assert.Empty(Directory.GetFileSystemEntries(stage));
        AssertUntouched(elsewhere);
    }

    [Fact]
    public async Task ListDirectoryNamesWhatIsDirectlyThereWithLinksAsLinks()
    {
        Directory.CreateDirectory(Path.Join(Root, "v1", "deep"));
        File.WriteAllText(Path.Join(Root, "m.plan"), "abc");
        File.CreateSymbolicLink(Path.Join(Root, "current"), "v1");

        var entries = await Remote.ListDirectoryAsync(Root, CancellationToken.None);
        var missing = await Remote.ListDirectoryAsync(Path.Join(Root, "nothing"), CancellationToken.None);

        Assert.Equal([("current", EntryKind.Symlink), ("m.plan", EntryKind.File), ("v1", EntryKind.Directory)], entries.Select(e => (e.Path, e.Kind)));
        Assert.Equal(3, entries.Single(e => e.Path == "m.plan").Size);
        Assert.Empty(missing);
    }
}

using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>The stage, the publish and the lock, and a symlink planted at any of their names.</summary>
public abstract partial class RemoteConformanceTests
{
    [Fact]
    public async Task StageIsSeededWithHardLinksAndKeptForAResume()
    {
        var target = Path.Join(Root, "served");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Join(target, "w.bin"), "old");
        var stage = StageNames.Stage(target);

        await Remote.PrepareStageAsync(target, EntryKind.Directory, seedFromTarget: true, CancellationToken.None);
        File.WriteAllText(Path.Join(stage, "partial"), "resume me");
        await Remote.PrepareStageAsync(target, EntryKind.Directory, seedFromTarget: true, CancellationToken.None);

        Assert.Equal("old", File.ReadAllText(Path.Join(stage, "w.bin")));
        Assert.Equal(Inode(Path.Join(target, "w.bin")), Inode(Path.Join(stage, "w.bin")));
        Assert.True(File.Exists(Path.Join(stage, "partial")));
        Assert.False(Directory.Exists(StageNames.Seed(target)));
    }

    [Fact]
    public async Task PublishReplacesTheTargetDirectoryAndLeavesNoSiblings()
    {
        var target = Path.Join(Root, "served");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Join(target, "old.bin"), "old");
        var stage = StageNames.Stage(target);
        Directory.CreateDirectory(stage);
        File.WriteAllText(Path.Join(stage, "new.bin"), "new");

        await Remote.PublishAsync(target, CancellationToken.None);

        Assert.Equal(["new.bin"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal(["served"], Directory.GetFileSystemEntries(Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task PublishOfAFileIsOneRename()
    {
        var target = Path.Join(Root, "model.plan");
        File.WriteAllText(target, "old");
        var stage = StageNames.Stage(target);
        File.WriteAllText(stage, "new");

        await Remote.PublishAsync(target, CancellationToken.None);

        Assert.Equal("new", File.ReadAllText(target));
        Assert.False(File.Exists(stage));
    }

    /// <summary>A link at the stage's name, or a target that became one, is never written through: the stage is a fresh directory.</summary>
    [Theory]
    [InlineData("stage")]
    [InlineData("target")]
    public async Task PrepareStageRemovesASymlinkInsteadOfFollowingIt(string linked)
    {
        var elsewhere = Elsewhere();
        var target = Path.Join(Root, "served");
        var stage = StageNames.Stage(target);
        if (linked == "stage") Directory.CreateDirectory(target);
        File.CreateSymbolicLink(linked == "stage" ? stage : target, elsewhere);

        await Remote.PrepareStageAsync(target, EntryKind.Directory, seedFromTarget: true, CancellationToken.None);

        Assert.Null(new FileInfo(stage).LinkTarget);
        Assert.Empty(Directory.GetFileSystemEntries(stage));
        AssertUntouched(elsewhere);
    }

    [Fact]
    public async Task PublishOfAStageThatIsASymlinkRemovesTheLinkAndPublishesNothing()
    {
        var target = Path.Join(Root, "served");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Join(target, "live.bin"), "live");
        var elsewhere = Elsewhere();
        var stage = StageNames.Stage(target);
        File.CreateSymbolicLink(stage, elsewhere);

        var refused = await Assert.ThrowsAsync<Errors.ModelSyncException>(() => Remote.PublishAsync(target, CancellationToken.None));

        Assert.Contains("symlink", refused.Message, StringComparison.Ordinal);
        Assert.Null(new FileInfo(target).LinkTarget);
        Assert.Equal(["live.bin"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
        Assert.Equal(["elsewhere", "served"], Directory.GetFileSystemEntries(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        AssertUntouched(elsewhere);
    }

    [Fact]
    public async Task ASymlinkAtTheLockSNameIsRemovedAndTheLockTaken()
    {
        var elsewhere = Elsewhere();
        var target = Path.Join(Root, "served");
        var lockPath = StageNames.Lock(target);
        File.CreateSymbolicLink(lockPath, elsewhere);

        var attempt = await Remote.TryTakeLockAsync(target, new LockHolder("x", 1, "now", "test", "token"), CancellationToken.None);

        Assert.IsType<LockAttempt.Taken>(attempt);
        Assert.Null(new FileInfo(lockPath).LinkTarget);
        Assert.True(File.Exists(Path.Join(lockPath, "holder")));
        AssertUntouched(elsewhere);
    }

    /// <summary>A directory a planted symlink points to; see <see cref="AssertUntouched"/>.</summary>
    private string Elsewhere()
    {
        var elsewhere = Path.Join(Root, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Join(elsewhere, "keep.txt"), "keep");
        return elsewhere;
    }

    private static void AssertUntouched(string elsewhere)
    {
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(elsewhere).Select(Path.GetFileName));
        Assert.Equal("keep", File.ReadAllText(Path.Join(elsewhere, "keep.txt")));
    }
}

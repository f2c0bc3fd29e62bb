using ModelSync.IntegrationTests.Support;
using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>
/// The contract of a seeded stage's symlinks: GNU <c>cp -al</c> hard-links them, and rsync sets a link's own mtime in
/// place, so each must be an inode of its own (same target text, same mtime), never the live or basis version's.
/// </summary>
public abstract partial class RemoteConformanceTests
{
    /// <summary>
    /// Builds a tree of links in <c>$1</c>: at the top, below a directory named with glob characters, to a directory,
    /// one named with a newline and a byte that is not UTF-8 whose target holds a newline; every link and directory
    /// dated back, so a time taken from elsewhere shows.
    /// </summary>
    private const string MakeLinks = """
        mkdir -p -- "$1/a[1]*/sub" && cd -- "$1" || exit 1
        printf 'w' > model.onnx && ln -s model.onnx current && ln -s sub 'a[1]*/dirlink' || exit 1
        odd=$(printf 'a[1]*/sub/-n\nl\377x'; printf x); odd=${odd%x}
        ln -s "$(printf '../../model\n.onnx')" "$odd" || exit 1
        find . -mindepth 1 \( -type l -o -type d \) -exec touch -h -d '2020-02-03 04:05:06.789' {} + && touch -d '2019-01-01' .
        """;

    /// <summary>Each link below <c>$1</c> (name bytes, target bytes, own mtime, link count) and each directory's mtime, sorted.</summary>
    private const string DescribeLinks = """
        cd -- "$1" && find . \( -type l -printf 'l %P|%l|%T@|%n\0' \) -o \( -type d -printf 'd %P|%T@\0' \) | sort -z
        """;

    [Fact]
    public async Task AStageSeededFromTheTargetLinksItsFilesAndCopiesItsSymlinks()
    {
        var target = Path.Join(Root, "model");
        TestProcess.RunBytes("/bin/sh", ["-c", MakeLinks, "sh", target]);
        var before = Describe(target);

        await Remote.PrepareStageAsync(target, EntryKind.Directory, seedFromTarget: true, CancellationToken.None);

        var stage = StageNames.Stage(target);
        Assert.Equal(Inode(Path.Join(target, "model.onnx")), Inode(Path.Join(stage, "model.onnx")));
        Assert.Equal(before, Describe(target));
        Assert.Equal(before, Describe(stage));
        Assert.Equal(3, before.Count(OwnLink));
        Assert.False(Directory.Exists(StageNames.Seed(target)));
    }

    /// <summary>A stage an earlier run left (seeded by one that still shared its links) is kept, its links made its own.</summary>
    [Fact]
    public async Task AKeptStageWhoseSymlinksAreSharedGetsCopiesOfItsOwn()
    {
        var target = Path.Join(Root, "model");
        TestProcess.RunBytes("/bin/sh", ["-c", MakeLinks, "sh", target]);
        var stage = StageNames.Stage(target);
        TestProcess.RunBytes("cp", ["-al", "--", target, stage]);
        File.WriteAllText(Path.Join(stage, "partial"), "resume me");
        TestProcess.RunBytes("touch", ["-d", "2019-01-01", "--", stage]);

        await Remote.PrepareStageAsync(target, EntryKind.Directory, seedFromTarget: true, CancellationToken.None);

        Assert.Equal("resume me", File.ReadAllText(Path.Join(stage, "partial")));
        var links = Describe(target);
        Assert.Equal(links, Describe(stage));
        Assert.Equal(3, links.Count(OwnLink));
        Assert.Empty(Directory.GetFileSystemEntries(stage, ".model-sync-*"));
    }

    /// <summary>A basis names files; one that became a link since its scan is seeded as a link of the stage's own.</summary>
    [Fact]
    public async Task AStageFromABasisNeverSharesALinkWithIt()
    {
        var basis = Path.Join(Root, "v1");
        TestProcess.RunBytes("/bin/sh", ["-c", MakeLinks, "sh", basis]);
        var target = Path.Join(Root, "v2");

        await Remote.PrepareStageFromAsync(target, EntryKind.Directory, basis, ["model.onnx", "current", "a[1]*/dirlink"], replaceStage: false, CancellationToken.None);

        var stage = StageNames.Stage(target);
        Assert.Equal(Inode(Path.Join(basis, "model.onnx")), Inode(Path.Join(stage, "model.onnx")));
        Assert.Equal("model.onnx", new FileInfo(Path.Join(stage, "current")).LinkTarget);
        Assert.NotEqual(Inode(Path.Join(basis, "current")), Inode(Path.Join(stage, "current")));
        Assert.NotEqual(Inode(Path.Join(basis, "a[1]*", "dirlink")), Inode(Path.Join(stage, "a[1]*", "dirlink")));
        Assert.Equal(3, Describe(basis).Count(OwnLink));
    }

    /// <summary><see cref="DescribeLinks"/>'s records, bytes that are not UTF-8 shown as U+FFFD (both sides alike).</summary>
    private static string[] Describe(string directory) =>
        System.Text.Encoding.UTF8.GetString(TestProcess.RunBytes("/bin/sh", ["-c", DescribeLinks, "sh", directory]))
            .Split('\0', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A link record whose link count is 1: no other name shares its inode.</summary>
    private static bool OwnLink(string record) => record.StartsWith("l ", StringComparison.Ordinal) && record.EndsWith("|1", StringComparison.Ordinal);
}

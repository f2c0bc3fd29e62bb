using ModelSync.Manifests;
using ModelSync.Transfer;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Transfer;

/// <summary>When a hash taken while rsync wrote a file may stand for the stage file, and when it is dropped.</summary>
public sealed class StageFollowerAcceptTests
{
    private const string Good = "aa";

    private static readonly TreeListing Source = Tree(File("1/model.plan", 100), File("1/model.onnx", 50));

    private static readonly Dictionary<string, string> SourceHashes = new() { ["1/model.plan"] = Good, ["1/model.onnx"] = "bb" };

    private static TreeListing Stage(long planInode = 7, long planSize = 100) =>
        Tree(File("1/model.plan", planSize) with { Inode = planInode }, File("1/model.onnx", 50) with { Inode = 8 });

    [Fact]
    public void AHashOfTheInodeNowInPlaceWithTheSourceSizeAndHashCounts() =>
        Assert.Equal(new Dictionary<string, string> { ["1/model.plan"] = Good },
            StageFollower.Accept(new Dictionary<string, FollowedHash> { ["1/model.plan"] = new(Good, 7) }, Stage(), Source, SourceHashes));

    /// <summary>why, followed hash and inode, the stage file's inode and size (size 0: not in the stage).</summary>
    public static TheoryData<string, string, long, long, long> Dropped => new()
    {
        { "a temporary file rsync threw away and wrote again", Good, 6, 7, 100 },
        { "a stage file of another size", Good, 7, 7, 99 },
        { "a hash that is not the source's (a partial read)", "cc", 7, 7, 100 },
        { "a listing without inodes", Good, 0, 0, 100 },
        { "a file no longer in the stage", Good, 7, 7, 0 },
    };

    [Theory]
    [MemberData(nameof(Dropped))]
    public void AnythingElseIsDroppedAndHashedAgain(string why, string hash, long inode, long stageInode, long stageSize)
    {
        var stage = stageSize == 0 ? Tree(File("1/model.onnx", 50) with { Inode = 8 }) : Stage(stageInode, stageSize);

        var accepted = StageFollower.Accept(new Dictionary<string, FollowedHash> { ["1/model.plan"] = new(hash, inode) }, stage, Source, SourceHashes);

        Assert.True(accepted.Count == 0, why);
    }
}

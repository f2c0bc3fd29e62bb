using System.Security.Cryptography;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>
/// The finish's one call taking a streamed send's last step first (<see cref="StageFinishRequest.Ranges"/>): the files
/// sent in ranges moved into the stage, then the stage verified and published; a ranged file that cannot be put in
/// place fails the call before anything is hashed or published; a retry does not move what an earlier try moved.
/// </summary>
public abstract partial class RemoteConformanceTests
{
    [Fact]
    public async Task TheFinishCallMovesTheRangedFilesIntoPlaceThenPublishesAndARetryAfterThatPublishesNothingAgain()
    {
        var (target, request, bytes) = await RangedStageAsync("ranged-finish", rangesArrived: 3);
        var stage = StageNames.Stage(target);

        var finish = await Remote.FinishStageAsync(target, request, CancellationToken.None);
        var again = await Remote.FinishStageAsync(target, request with { Retry = true }, CancellationToken.None);

        Assert.True(finish.Published);
        Assert.True(again.Published);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Join(target, "sub", "w.bin")));
        Assert.Equal(new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc), File.GetLastWriteTimeUtc(Path.Join(target, "sub", "w.bin")));
        Assert.Equal(new DateTime(2022, 1, 2, 3, 4, 5, DateTimeKind.Utc), Directory.GetLastWriteTimeUtc(Path.Join(target, "sub")));
        Assert.False(Path.Exists(Path.Join(target, RangeRecordsName)));
        // The retry found the stage gone: it made no directory of it again.
        Assert.False(Path.Exists(stage));
        Assert.False(Path.Exists(StageNames.Lock(target)));
    }

    [Fact]
    public async Task ARangedFileNotWholeFailsTheFinishCallBeforeAnythingIsHashedOrPublished()
    {
        var (target, request, _) = await RangedStageAsync("ranged-short", rangesArrived: 2);
        var stage = StageNames.Stage(target);

        var failed = await Assert.ThrowsAsync<Errors.ModelSyncException>(() => Remote.FinishStageAsync(target, request, CancellationToken.None));

        Assert.Contains("could not move the files sent in ranges into the staging area", failed.Message, StringComparison.Ordinal);
        Assert.Contains("2 of 3 ranges arrived", failed.Message, StringComparison.Ordinal);
        Assert.False(Path.Exists(target));
        Assert.False(File.Exists(Path.Join(stage, "sub", "w.bin")));
        Assert.True(Directory.Exists(Path.Join(stage, RangeRecordsName)));
        Assert.True(Directory.Exists(StageNames.Lock(target)), "the lock is the walk's to release");
    }

    [Fact]
    public async Task ARetriedFinishCallPassesOverTheRangedFilesAnEarlierTryMoved()
    {
        var (target, request, bytes) = await RangedStageAsync("ranged-retry", rangesArrived: 3);
        var stage = StageNames.Stage(target);
        var ranges = request.Ranges!;
        // The earlier try moved the files and cleared the records, then its connection dropped.
        await Remote.FinishRangesAsync(ranges.Records, stage, EntryKind.Directory, ranges.Files, ranges.Directories, CancellationToken.None);

        await Assert.ThrowsAsync<Errors.ModelSyncException>(() => Remote.FinishStageAsync(target, request, CancellationToken.None));
        var retried = await Remote.FinishStageAsync(target, request with { Retry = true }, CancellationToken.None);

        Assert.True(retried.Published);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Join(target, "sub", "w.bin")));
    }

    [Fact]
    public async Task RangesTooManyForOneCommandLineStillGoInTheFinishCallAndTheStageIsPublished()
    {
        // Before: as arguments they went first in a call of their own, whose command line (one string for the server's
        // sh -c, which Linux caps at 128 KiB) then could not run at all.
        var (target, request, bytes) = await RangedStageAsync("ranged-many", rangesArrived: 3);
        var ranges = request.Ranges!;
        var many = Enumerable.Range(0, 1500).Select(i => new StagedDirectory($"many/{i:D4}-" + new string('d', 100), "00755", "2021-01-02T03:04:05Z")).ToList();
        request = request with { Ranges = ranges with { Directories = [.. many, new StagedDirectory("many", "00755", "2021-01-02T03:04:05Z"), .. ranges.Directories] } };

        var finish = await Remote.FinishStageAsync(target, request, CancellationToken.None);

        Assert.True(finish.Published);
        Assert.Equal(bytes, File.ReadAllBytes(Path.Join(target, "sub", "w.bin")));
        Assert.Equal(1500, Directory.GetDirectories(Path.Join(target, "many")).Length);
        Assert.Equal(new DateTime(2021, 1, 2, 3, 4, 5, DateTimeKind.Utc), Directory.GetLastWriteTimeUtc(Path.Join(target, "many", many[^1].Path[5..])));
        Assert.False(Path.Exists(Path.Join(target, RangeRecordsName)));
    }

    private const string RangeRecordsName = ".model-sync-ranges";

    /// <summary>
    /// A new model's stage as a streamed send leaves it with nothing left for rsync: the lock taken, a small file in place,
    /// and a big one's ranges in its record (<paramref name="rangesArrived"/> of three); the request to finish it, ranges first.
    /// </summary>
    private async Task<(string Target, StageFinishRequest Request, byte[] Bytes)> RangedStageAsync(string name, int rangesArrived)
    {
        var source = Path.Join(Root, name + "-source");
        Directory.CreateDirectory(Path.Join(source, "sub"));
        var bytes = new byte[2 * MiB + 17];
        new Random(11).NextBytes(bytes);
        File.WriteAllBytes(Path.Join(source, "sub", "w.bin"), bytes);
        File.WriteAllText(Path.Join(source, "config.json"), "{}");
        var listing = (await Remote.ScanAsync(source, CancellationToken.None))!;
        var target = Path.Join(Root, name);
        var start = await Remote.StartTargetAsync(target, new TargetStartRequest(listing, Me, ExtrasUnderLock: false, RoomNeeded: 1), CancellationToken.None);
        Assert.Equal((TargetStartState.Locked, true), (start.State, start.StageMade));
        var stage = StageNames.Stage(target);
        File.Copy(Path.Join(source, "config.json"), Path.Join(stage, "config.json"));
        var records = Path.Join(stage, RangeRecordsName);
        ByteRange[] ranges = [new(0, MiB, false), new(MiB, MiB, false), new(2 * MiB, 17, true)];
        foreach (var range in ranges.Take(rangesArrived))
            Assert.Equal((0, 0), await CopyRangeAsync(Remote, Path.Join(source, "sub", "w.bin"), Path.Join(records, "k"), range));
        var toHash = new Dictionary<string, string>
        {
            ["config.json"] = Sha256("{}"),
            ["sub/w.bin"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        };
        var request = new StageFinishRequest(listing, HashFunction.Sha256, Me.Token, toHash, [], null, Retry: false)
        {
            Ranges = new RangesFinish(records, [new RangedFile("k", "sub/w.bin", 3, "2024-05-06T07:08:09Z") { Mode = "00640" }],
                [new StagedDirectory("sub", "00755", "2022-01-02T03:04:05Z"), new StagedDirectory("", "00755", "2023-01-02T03:04:05Z")]),
        };
        return (target, request, bytes);
    }
}

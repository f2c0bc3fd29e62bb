using ModelSync.Hashing;
using ModelSync.IntegrationTests.Support;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>The steps before and after a send, each in one call: <see cref="IRemote.StartTargetAsync"/> and <see cref="IRemote.FinishStageAsync"/>.</summary>
public abstract partial class RemoteConformanceTests
{
    private static readonly LockHolder Me = new("here", 1, "now", "model-sync push", "my-token");

    [Fact]
    public async Task ATargetThatHoldsTheModelIsListedAndNothingIsTaken()
    {
        var target = HostileModel("held");
        var source = (await Remote.ScanAsync(target, CancellationToken.None))!;

        var start = await Remote.StartTargetAsync(target, new TargetStartRequest(source, Me, ExtrasUnderLock: false, RoomNeeded: 1), CancellationToken.None);

        Assert.Equal(TargetStartState.Same, start.State);
        Assert.Equal(source.Entries.Select(e => (e.Path, e.Kind, e.Size)), start.Listing!.Entries.Select(e => (e.Path, e.Kind, e.Size)));
        Assert.False(Path.Exists(StageNames.Lock(target)));
        Assert.False(Path.Exists(StageNames.Stage(target)));
        ByteNames.Remove(target);
    }

    [Fact]
    public async Task ATargetThatDiffersIsLockedMeasuredAndItsStageSeeded()
    {
        var target = HostileModel("differs");
        var source = Changed((await Remote.ScanAsync(target, CancellationToken.None))!, "w.bin");

        var start = await Remote.StartTargetAsync(target, new TargetStartRequest(source, Me, ExtrasUnderLock: true, RoomNeeded: 1), CancellationToken.None);
        var other = await Remote.StartTargetAsync(target, new TargetStartRequest(source, Me with { Command = "another push", Token = "theirs" }, true, 1),
            CancellationToken.None);

        Assert.Equal((TargetStartState.Locked, true, true), (start.State, start.StagePrepared, start.StageMade));
        Assert.True(start.FreeBytes > 0);
        Assert.Contains("token=my-token", File.ReadAllText(Path.Join(StageNames.Lock(target), "holder")), StringComparison.Ordinal);
        Assert.Equal(Inode(Path.Join(target, "w.bin")), Inode(Path.Join(StageNames.Stage(target), "w.bin")));
        Assert.Equal(TargetStartState.Held, other.State);
        Assert.Equal("model-sync push", other.HeldBy!.Holder.Command);
        ByteNames.Remove(target);
        ByteNames.Remove(StageNames.Stage(target));
    }

    [Fact]
    public async Task ATargetThatWouldLoseEntriesOrIsALinkIsOnlyListed()
    {
        var target = HostileModel("loses");
        var source = (await Remote.ScanAsync(target, CancellationToken.None))!;
        var fewer = source with { Entries = [.. source.Entries.Where(e => e.Path != "w.bin")] };
        var link = Path.Join(Root, "link");
        File.CreateSymbolicLink(link, target);

        var losing = await Remote.StartTargetAsync(target, new TargetStartRequest(Changed(fewer, "config.pbtxt"), Me, ExtrasUnderLock: false, 1), CancellationToken.None);
        var linked = await Remote.StartTargetAsync(link, new TargetStartRequest(Changed(source, "w.bin"), Me, ExtrasUnderLock: true, 1), CancellationToken.None);

        Assert.Equal((TargetStartState.Open, TargetStartState.Open), (losing.State, linked.State));
        Assert.Equal(target, linked.Listing!.RootLink);
        Assert.False(Path.Exists(StageNames.Lock(target)) || Path.Exists(StageNames.Lock(link)));
        Assert.False(Path.Exists(StageNames.Stage(target)) || Path.Exists(StageNames.Stage(link)));
        ByteNames.Remove(target);
    }

    [Fact]
    public async Task WithoutRoomForTheModelTheLockIsTakenButTheStageLeftAlone()
    {
        var target = HostileModel("tight");
        var source = Changed((await Remote.ScanAsync(target, CancellationToken.None))!, "w.bin");

        var start = await Remote.StartTargetAsync(target, new TargetStartRequest(source, Me, true, RoomNeeded: long.MaxValue / 2), CancellationToken.None);
        await Remote.DiscardStageAsync(target, CancellationToken.None);

        Assert.Equal((TargetStartState.Locked, false), (start.State, start.StagePrepared));
        Assert.False(Path.Exists(StageNames.Stage(target)));
        Assert.True(Directory.Exists(StageNames.Lock(target)));
        ByteNames.Remove(target);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("xxh128")]
    [InlineData("blake3")]
    public async Task AStageThatHoldsWhatIsExpectedIsPublishedWithItsManifestAndUnlocked(string name)
    {
        var function = HashFunction.TryParse(name)!;
        var (target, source, request) = await StagedAsync("finish", function);

        var finish = await Remote.FinishStageAsync(target, request, CancellationToken.None);

        Assert.True(finish.Published);
        Assert.Equal("new content", File.ReadAllText(Path.Join(target, "w.bin")));
        Assert.Equal("fresh", ByteNames.Read(target, ByteNames.Of("new\nline\\xff")));
        Assert.True(File.Exists(Path.Join(target, ModelManifest.FileName)));
        Assert.False(Path.Exists(StageNames.Stage(target)) || Path.Exists(StageNames.Lock(target)));
        Assert.Equal(source.Files.Count(), (await Remote.ScanAsync(target, CancellationToken.None))!.Files.Count());
        ByteNames.Remove(target);
    }

    [Fact]
    public async Task AStageThatDiffersIsNotPublishedAndWhatWasFoundComesBack()
    {
        var (target, _, request) = await StagedAsync("mismatch", HashFunction.Sha256);
        var stage = StageNames.Stage(target);
        File.WriteAllText(Path.Join(stage, "w.bin"), "NEW CONTENT");
        var known = request.Known.Single();
        File.SetLastWriteTimeUtc(Path.Join(stage, known.Path), DateTime.UtcNow.AddHours(-3));

        var finish = await Remote.FinishStageAsync(target, request, CancellationToken.None);

        Assert.False(finish.Published);
        Assert.Equal(Sha256("NEW CONTENT"), finish.Hashes["w.bin"]);
        Assert.Contains(finish.Stage!.Files, f => f.Path == known.Path);
        Assert.Equal("old content", File.ReadAllText(Path.Join(target, "w.bin")));
        Assert.True(Directory.Exists(stage) && Directory.Exists(StageNames.Lock(target)));
        ByteNames.Remove(target);
        ByteNames.Remove(stage);
    }

    [Fact]
    public async Task AStageGoneIsPublishedOnlyOnARetry()
    {
        var (target, _, request) = await StagedAsync("retry", HashFunction.Sha256);
        Assert.True((await Remote.FinishStageAsync(target, request, CancellationToken.None)).Published);

        var again = await Remote.FinishStageAsync(target, request with { Retry = true }, CancellationToken.None);
        var first = await Remote.FinishStageAsync(target, request, CancellationToken.None);

        Assert.True(again.Published);
        Assert.False(first.Published);
        Assert.Null(first.Stage);
        ByteNames.Remove(target);
    }

    [Fact]
    public async Task ASingleFileModelIsFinishedToo()
    {
        var target = Path.Join(Root, "model.plan");
        File.WriteAllText(target, "old plan");
        var stage = StageNames.Stage(target);
        File.WriteAllText(stage, "new plan");
        var source = (await Remote.ScanAsync(stage, CancellationToken.None))!;
        Assert.IsType<LockAttempt.Taken>(await Remote.TryTakeLockAsync(target, Me, CancellationToken.None));

        var finish = await Remote.FinishStageAsync(target,
            new StageFinishRequest(source, HashFunction.Sha256, Me.Token, new Dictionary<string, string> { [""] = Sha256("new plan") }, [], null, false),
            CancellationToken.None);

        Assert.True(finish.Published);
        Assert.Equal("new plan", File.ReadAllText(target));
        Assert.False(Path.Exists(StageNames.Lock(target)));
    }

    /// <summary>
    /// A target whose stage (seeded, then one file rewritten and one added, as a send leaves it) is ready to finish:
    /// the request expects the rewritten and the added file by hash, the untouched one by its time.
    /// </summary>
    private async Task<(string Target, TreeListing Source, StageFinishRequest Request)> StagedAsync(string name, HashFunction function)
    {
        var target = HostileModel(name);
        File.WriteAllText(Path.Join(target, "w.bin"), "old content");
        var before = (await Remote.ScanAsync(target, CancellationToken.None))!;
        var start = await Remote.StartTargetAsync(target, new TargetStartRequest(Changed(before, "w.bin"), Me, true, 1), CancellationToken.None);
        Assert.Equal(TargetStartState.Locked, start.State);
        var stage = StageNames.Stage(target);
        File.Delete(Path.Join(stage, "w.bin"));
        File.WriteAllText(Path.Join(stage, "w.bin"), "new content");
        ByteNames.Write(stage, ByteNames.Of("new\nline\\xff"), "fresh");
        var source = (await Remote.ScanAsync(stage, CancellationToken.None))!;
        var added = PathBytes.Decode(ByteNames.Of("new\nline\\xff"));
        var kept = before.Files.Single(f => f.Path == "config.pbtxt");
        var toHash = new Dictionary<string, string>
        {
            ["w.bin"] = await ReferenceHashAsync(function, "new content"),
            [added] = await ReferenceHashAsync(function, "fresh"),
        };
        foreach (var f in source.Files.Where(f => f.Path != "w.bin" && f.Path != added && f.Path != kept.Path))
            toHash[f.Path] = await ReferenceHashAsync(function, ByteNames.Read(stage, PathBytes.Encode(f.Path)));
        var hashes = new Dictionary<string, string>(toHash) { [kept.Path] = await ReferenceHashAsync(function, "config") };
        var manifest = ModelManifest.Create(source, hashes, function, "here", "/src");
        return (target, source, new StageFinishRequest(source, function, Me.Token, toHash, [new KnownStageFile(kept.Path, kept.Size, kept.ModifiedExact)], manifest, false));
    }

    /// <summary>A model with a config, a weight, and names a shell or a hash tool could get wrong.</summary>
    private string HostileModel(string name)
    {
        var model = Path.Join(Root, name);
        Directory.CreateDirectory(Path.Join(model, "1"));
        File.WriteAllText(Path.Join(model, "config.pbtxt"), "config");
        File.WriteAllText(Path.Join(model, "w.bin"), "weights");
        foreach (var odd in new[] { "1/new\nline", @"back\slash", @"w\xff", "sp ace" }) ByteNames.Write(model, ByteNames.Of(odd), "odd " + odd);
        File.CreateSymbolicLink(Path.Join(model, "latest"), "1");
        return model;
    }

    /// <summary><paramref name="listing"/> with the file <paramref name="path"/> one byte longer, as a source that changed it.</summary>
    private static TreeListing Changed(TreeListing listing, string path) =>
        listing with { Entries = [.. listing.Entries.Select(e => e.Path == path ? e with { Size = e.Size + 1 } : e)] };
}

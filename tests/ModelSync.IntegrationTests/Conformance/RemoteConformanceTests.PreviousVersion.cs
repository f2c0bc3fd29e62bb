using ModelSync.Hashing;
using ModelSync.IntegrationTests.Support;
using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>
/// A previous version that cannot be removed once the new one is in place: a publish all the same, saying what is left
/// and why; removed again later only while the target is in place. A file made immutable (chattr +i) in the old
/// version stands for another user's files: it stops even root, whom the fixture logs in as.
/// </summary>
public abstract partial class RemoteConformanceTests
{
    [Fact]
    public async Task AFinishWhosePreviousVersionCannotGoPublishesReleasesTheLockAndSaysWhatIsLeft()
    {
        var (target, _, request) = await StagedAsync("old-left", HashFunction.Sha256);
        var old = StageNames.Old(target);
        var finish = await WithImmutable(Path.Join(target, "w.bin"), Path.Join(old, "w.bin"),
            () => Remote.FinishStageAsync(target, request, CancellationToken.None));

        Assert.True(finish.Published);
        Assert.Equal(old, finish.PreviousLeft?.Path);
        Assert.Contains("Operation not permitted", finish.PreviousLeft!.Why, StringComparison.Ordinal);
        Assert.Equal("new content", File.ReadAllText(Path.Join(target, "w.bin")));
        Assert.False(Path.Exists(StageNames.Lock(target)) || Path.Exists(StageNames.Stage(target)));
        Assert.Equal(PreviousVersionState.Removed, (await Remote.RemovePreviousVersionAsync(target, Me, CancellationToken.None)).State);
        Assert.False(Path.Exists(old) || Path.Exists(StageNames.Lock(target)));
        ByteNames.Remove(target);
    }

    [Fact]
    public async Task APublishWhosePreviousVersionCannotGoIsDoneAndSaysWhatIsLeft()
    {
        var target = Path.Join(Root, "served");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Join(target, "old.bin"), "old");
        Directory.CreateDirectory(StageNames.Stage(target));
        File.WriteAllText(Path.Join(StageNames.Stage(target), "new.bin"), "new");
        var old = StageNames.Old(target);

        var left = await WithImmutable(Path.Join(target, "old.bin"), Path.Join(old, "old.bin"), () => Remote.PublishAsync(target, CancellationToken.None));

        Assert.Equal(old, left?.Path);
        Assert.Equal(["new.bin"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Null(await Remote.PublishAsync(target, CancellationToken.None));
        Assert.Equal(["served"], Directory.GetFileSystemEntries(Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task AListingThatFindsTheModelInPlaceRemovesThePreviousVersionLeftOrSaysWhyNot()
    {
        var target = HostileModel("same-left");
        var source = (await Remote.ScanAsync(target, CancellationToken.None))!;
        var old = StageNames.Old(target);
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Join(old, "w.bin"), "the version before");
        var request = new TargetStartRequest(source, Me, ExtrasUnderLock: false, RoomNeeded: 1);

        var stuck = await WithImmutable(Path.Join(old, "w.bin"), Path.Join(old, "w.bin"), () => Remote.StartTargetAsync(target, request, CancellationToken.None));
        var freed = await Remote.StartTargetAsync(target, request, CancellationToken.None);

        Assert.Equal((TargetStartState.Same, old), (stuck.State, stuck.PreviousLeft?.Path));
        Assert.Contains("Operation not permitted", stuck.PreviousLeft!.Why, StringComparison.Ordinal);
        Assert.Equal((TargetStartState.Same, null), (freed.State, freed.PreviousLeft));
        Assert.False(Path.Exists(old) || Path.Exists(StageNames.Lock(target)));
        ByteNames.Remove(target);
    }

    [Fact]
    public async Task TheLockTakenBeforeASendSaysAPreviousVersionLeftInThePublishsWayAndRemovesNothing()
    {
        // Before: the stage was prepared and the whole model sent, and only the publish found it could not move the target aside.
        var target = HostileModel("locked-left");
        var source = Changed((await Remote.ScanAsync(target, CancellationToken.None))!, "w.bin");
        var old = StageNames.Old(target);
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Join(old, "w.bin"), "the version before");
        var request = new TargetStartRequest(source, Me, ExtrasUnderLock: true, RoomNeeded: 1);

        var stuck = await WithImmutable(Path.Join(old, "w.bin"), Path.Join(old, "w.bin"), async () =>
        {
            var start = await Remote.StartTargetAsync(target, request, CancellationToken.None);
            await Remote.ReleaseLockAsync(target, Me.Token, CancellationToken.None);
            return start;
        });
        var stageAfterStuck = Path.Exists(StageNames.Stage(target));
        var free = await Remote.StartTargetAsync(target, request, CancellationToken.None);

        Assert.Equal((TargetStartState.Locked, old, false, false), (stuck.State, stuck.PreviousLeft?.Path, stuck.StagePrepared, stageAfterStuck));
        Assert.Equal($"{old}/w.bin refuses writes even from root: immutable or append-only (chattr -i -a first), or on a read-only file system", stuck.PreviousLeft!.Why);
        Assert.Equal((TargetStartState.Locked, null, true), (free.State, free.PreviousLeft, free.StagePrepared));
        Assert.Equal("the version before", File.ReadAllText(Path.Join(old, "w.bin")));
        await Remote.ReleaseLockAsync(target, Me.Token, CancellationToken.None);
        ByteNames.Remove(target);
        ByteNames.Remove(old);
        ByteNames.Remove(StageNames.Stage(target));
    }

    [Fact]
    public async Task AnOldNameBesideNoTargetOrAFilePublishedOverAFileIsNotInThePublishsWay()
    {
        // The old name beside no target holds the only copy of a model whose publish stopped between its renames; a file
        // published over a file replaces it in one rename. Neither is reported, nor stops a send.
        var missing = Path.Join(Root, "between-left");
        var file = Path.Join(Root, "file-left");
        File.WriteAllText(file, "weights");
        var model = HostileModel("model-left");
        var directory = (await Remote.ScanAsync(model, CancellationToken.None))!;
        var single = (await Remote.ScanAsync(file, CancellationToken.None))!;
        foreach (var target in new[] { missing, file })
        {
            Directory.CreateDirectory(StageNames.Old(target));
            File.WriteAllText(Path.Join(StageNames.Old(target), "w.bin"), "the only copy");
        }

        var starts = await WithImmutable(Path.Join(StageNames.Old(missing), "w.bin"), Path.Join(StageNames.Old(missing), "w.bin"), () =>
            WithImmutable(Path.Join(StageNames.Old(file), "w.bin"), Path.Join(StageNames.Old(file), "w.bin"), async () =>
            {
                var found = new List<TargetStart>();
                foreach (var (target, listing) in new[] { (missing, directory), (file, Changed(single, "")) })
                {
                    found.Add(await Remote.StartTargetAsync(target, new TargetStartRequest(listing, Me, ExtrasUnderLock: true, RoomNeeded: 1), CancellationToken.None));
                    await Remote.ReleaseLockAsync(target, Me.Token, CancellationToken.None);
                }
                return found;
            }));

        Assert.All(starts, s => Assert.Equal((TargetStartState.Locked, null, true), (s.State, s.PreviousLeft, s.StagePrepared)));
        foreach (var target in new[] { missing, file })
        {
            Assert.Equal("the only copy", File.ReadAllText(Path.Join(StageNames.Old(target), "w.bin")));
            ByteNames.Remove(StageNames.Old(target));
            ByteNames.Remove(StageNames.Stage(target));
        }
        ByteNames.Remove(file);
        ByteNames.Remove(model);
    }

    [Fact]
    public async Task TheOldNameOfAPublishStoppedBetweenItsRenamesOrUnderAnotherLockIsLeftAsItIs()
    {
        var target = Path.Join(Root, "between");
        var old = StageNames.Old(target);
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Join(old, "w.bin"), "the only copy");

        var stopped = await Remote.RemovePreviousVersionAsync(target, null, CancellationToken.None);
        Directory.CreateDirectory(target);
        Directory.CreateDirectory(StageNames.Lock(target));
        var locked = await Remote.RemovePreviousVersionAsync(target, Me, CancellationToken.None);

        Assert.Equal((PreviousVersionState.Publishing, PreviousVersionState.Busy), (stopped.State, locked.State));
        Assert.Equal("the only copy", File.ReadAllText(Path.Join(old, "w.bin")));
        Assert.True(Directory.Exists(StageNames.Lock(target)));
    }

    /// <summary>
    /// Runs <paramref name="action"/> with <paramref name="path"/> immutable, then lets go of it under the name it has
    /// by then (<paramref name="movedTo"/>, when the action renames it) so it can be removed.
    /// </summary>
    private static async Task<T> WithImmutable<T>(string path, string movedTo, Func<Task<T>> action)
    {
        TestProcess.RunBytes("chattr", ["+i", path]);
        try
        {
            return await action();
        }
        finally
        {
            foreach (var name in new[] { path, movedTo }.Where(File.Exists)) TestProcess.RunBytes("chattr", ["-i", name]);
        }
    }
}

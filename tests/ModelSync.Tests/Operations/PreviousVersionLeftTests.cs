using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Tests.Support;
using ModelSync.Transfer;

namespace ModelSync.Tests.Operations;

/// <summary>
/// A publish whose new version is in place but whose previous one cannot be removed (another user's files in it): a
/// success with one warning that says what is left and how to remove it, and a rerun that tries again before it says
/// the target is up to date.
/// </summary>
public sealed class PreviousVersionLeftTests : IAsyncDisposable
{
    private const string From = "/here/m";
    private const string To = "/models/m";
    private const string Why = "rm: cannot remove '/models/.model-sync-old.m/1/model.onnx': Permission denied";
    private const string Warning = "gpu:/models/m is published, but its previous version is left at /models/.model-sync-old.m (" + Why + "); " +
        "remove it as a user allowed to: rm -rf -- '/models/.model-sync-old.m'";

    private readonly MemoryTransfer<MemoryStageTransport> _transfer = new(From, To);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task APublishThatCannotRemoveThePreviousVersionIsDoneWithOneWarning(bool verify)
    {
        // Before: the publish failed (exit 1) though the new version was live. Verified, the one call after the send publishes; unverified, the publish is a call of its own.
        _transfer.CopyModelToTarget().File(To + "/1/model.onnx", "weights v1");
        _transfer.Gpu.PreviousStaysBecause = Why;

        var result = await _transfer.PushAsync(MemoryTransfer.Options(verify: verify));

        Assert.True(result.Published);
        Assert.Equal("weights v2", _transfer.Gpu.Read(To + "/1/model.onnx"));
        Assert.Equal([Warning], result.Warnings);
        Assert.False(_transfer.Gpu.IsLocked(To));
    }

    [Fact]
    public async Task ARerunFindingTheModelInPlaceRemovesThePreviousVersionLeftAndSaysNothing()
    {
        _transfer.CopyModelToTarget().Vouch(To);
        _transfer.Gpu.File(StageNames.Old(To) + "/1/model.onnx", "weights v1");

        var result = await _transfer.PushAsync();

        Assert.False(result.Published);
        Assert.Empty(result.Warnings);
        Assert.False(_transfer.Gpu.Exists(StageNames.Old(To)));
        Assert.Equal(VerifyStatus.Verified, result.Verification.Status);
    }

    [Fact]
    public async Task ARerunOverAPreviousVersionThatStillCannotGoWarnsInsteadOfSayingAllIsWell()
    {
        // Before: "up to date", not a word about the previous version left beside the target.
        _transfer.CopyModelToTarget().Vouch(To);
        _transfer.Gpu.File(StageNames.Old(To) + "/1/model.onnx", "weights v1");
        _transfer.Gpu.PreviousStaysBecause = Why;

        var result = await _transfer.PushAsync();

        Assert.False(result.Published);
        Assert.Equal([Warning], result.Warnings);
        Assert.True(_transfer.Gpu.Exists(StageNames.Old(To)));
    }

    [Fact]
    public async Task APushThatWouldPublishBesideAPreviousVersionThatCannotGoStopsBeforeItSends()
    {
        // Before: the whole model was sent and hashed, and only the publish failed, needing the old name free.
        _transfer.CopyModelToTarget().File(To + "/1/model.onnx", "weights v1");
        _transfer.Gpu.File(StageNames.Old(To) + "/1/model.onnx", "weights v0");
        _transfer.Gpu.PreviousStaysBecause = Why;

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => _transfer.PushAsync());

        Assert.Equal((ExitCodes.Failed, "gpu:/models/m cannot be published: the previous version an earlier publish left at /models/.model-sync-old.m is in the way, " +
            "and this user cannot remove it (" + Why + "); nothing was sent", "remove it as a user allowed to: rm -rf -- '/models/.model-sync-old.m', then run the same command again"),
            (refused.ExitCode, refused.Message, refused.Fix));
        Assert.Equal(0, _transfer.Transport.Sends);
        Assert.Equal(["StartTarget", "ReleaseLock"], _transfer.Gpu.Changes);
        Assert.False(_transfer.Gpu.Exists(StageNames.Stage(To)) || _transfer.Gpu.IsLocked(To));
        Assert.Equal(("weights v1", "weights v0"), (_transfer.Gpu.Read(To + "/1/model.onnx"), _transfer.Gpu.Read(StageNames.Old(To) + "/1/model.onnx")));
    }

    [Fact]
    public async Task APushWhosePreviousVersionCanGoIsNotStoppedByIt()
    {
        _transfer.CopyModelToTarget().File(To + "/1/model.onnx", "weights v1");
        _transfer.Gpu.File(StageNames.Old(To) + "/1/model.onnx", "weights v0");

        var result = await _transfer.PushAsync();

        Assert.True(result.Published);
        Assert.Empty(result.Warnings);
        Assert.False(_transfer.Gpu.Exists(StageNames.Old(To)));
    }

    [Fact]
    public async Task APushOfANewModelBesideAnOldNameWithNoVersionInPlaceIsNotStoppedByIt()
    {
        // A publish stopped between its renames leaves the only copy at the old name: never called a leftover to remove.
        _transfer.Gpu.File(StageNames.Old(To) + "/1/model.onnx", "weights v1");
        _transfer.Gpu.PreviousStaysBecause = Why;

        var result = await _transfer.PushAsync();

        Assert.True(result.Published);
        Assert.Equal("weights v2", _transfer.Gpu.Read(To + "/1/model.onnx"));
    }

    public ValueTask DisposeAsync() => _transfer.DisposeAsync();
}

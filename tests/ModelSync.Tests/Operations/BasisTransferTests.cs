using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Transfer;
using static ModelSync.Tests.Support.Entries;
using static ModelSync.Tests.Support.MemoryTransfer;

namespace ModelSync.Tests.Operations;

/// <summary>A new version starts from an older one beside it: which one, how its stage is made, what vouches for it, and when none is used.</summary>
public sealed class BasisTransferTests : IAsyncDisposable
{
    private const string From = "/here/RTX3090_N2501_ASR_250820";
    private const string To = "/models/RTX3090_N2501_ASR_250820";
    private const string Basis = "/models/RTX3090_N2501_ASR_250715";

    private readonly MemoryTransfer<StageAwareTransport> _transfer = new(From, To);

    public BasisTransferTests() => _transfer.Gpu
        .File(Basis + "/config.pbtxt", "config")
        .File(Basis + "/1/model.onnx", "weights v1")
        .File(Basis + "/notes.txt", "only in the old version")
        .File("/models/RTX3090_N2501_ASR_MMS_251230/config.pbtxt", "another model");

    [Fact]
    public async Task ANewVersionStartsFromTheNewestOtherVersionOfItsModelWhichIsLeftUntouched()
    {
        _transfer.Gpu.Vouch(Basis);
        var manifest = _transfer.Gpu.ManifestIn(Basis);

        var result = await _transfer.PushAsync();

        // The one call before the bytes made an empty stage for the new version; it starts from its basis instead.
        Assert.Equal(["StartTarget", "PrepareStageFrom", "FinishStage"], _transfer.Gpu.Changes);
        Assert.Equal(new BasisUse("RTX3090_N2501_ASR_250715", Basis, false, "config".Length, 1), result.Basis);
        Assert.Equal((VerifyStatus.Verified, 1), (result.Verification.Status, result.Verification.HashedNow));
        Assert.Equal("weights v2", _transfer.Gpu.Read(To + "/1/model.onnx"));
        Assert.False(_transfer.Gpu.Exists(To + "/notes.txt"), "a file only the basis has never enters the new version");
        Assert.Equal(["config.pbtxt", "1/model.onnx"], _transfer.Gpu.ManifestIn(To)!.Files.Select(f => f.Path).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("weights v1", _transfer.Gpu.Read(Basis + "/1/model.onnx"));
        Assert.Equal("only in the old version", _transfer.Gpu.Read(Basis + "/notes.txt"));
        Assert.Same(manifest, _transfer.Gpu.ManifestIn(Basis));
    }

    [Fact]
    public async Task ABasisFileChangedSinceItsManifestIsHashedNotVouchedFor()
    {
        _transfer.Gpu.Vouch(Basis).File(Basis + "/config.pbtxt", "config", Time + 5);
        _transfer.Here.File(From + "/config.pbtxt", "config", Time + 5);

        var result = await _transfer.PushAsync();

        Assert.Equal((VerifyStatus.Verified, 2), (result.Verification.Status, result.Verification.HashedNow));
    }

    [Fact]
    public async Task AnExistingTargetIsUpdatedFromItselfAndNamesNoBasis()
    {
        _transfer.Gpu.File(To + "/config.pbtxt", "config");

        var result = await _transfer.PushAsync();

        Assert.Equal(["StartTarget", "FinishStage"], _transfer.Gpu.Changes);
        Assert.Null(result.Basis);
    }

    [Fact]
    public async Task TheLikelyBasisIsScannedBesideTheCallBeforeTheBytesNotAfterIt()
    {
        _transfer.Gpu.Vouch(Basis);

        var result = await _transfer.PushAsync();

        var calls = _transfer.Gpu.Calls.Select(c => c.Operation + " " + c.Path).ToList();
        Assert.True(calls.IndexOf("Scan " + Basis) < calls.IndexOf("StartTarget " + To), string.Join(", ", calls));
        Assert.Equal(1, _transfer.Gpu.Count("Scan", Basis));
        Assert.Equal("RTX3090_N2501_ASR_250715", result.Basis!.Name);
    }

    [Fact]
    public async Task AnExistingTargetThatTheListingShowsCostsNoScanOfAVersionBesideIt()
    {
        _transfer.Gpu.File(To + "/config.pbtxt", "config");

        await _transfer.PushAsync();

        Assert.Equal(0, _transfer.Gpu.Count("Scan", Basis));
    }

    [Fact]
    public async Task BasisNoneStartsANewVersionEmpty()
    {
        var result = await _transfer.PushAsync(Options() with { Basis = BasisRequest.None });

        Assert.Equal(["StartTarget", "FinishStage"], _transfer.Gpu.Changes);
        Assert.Null(result.Basis);
        Assert.DoesNotContain(_transfer.Gpu.Calls, c => c.Operation == "ListDirectory");
    }

    [Fact]
    public async Task ANamedBasisIsUsedThoughANewerVersionIsThere()
    {
        _transfer.Gpu.File("/models/RTX3090_N2501_ASR_250801/config.pbtxt", "newer");

        var result = await _transfer.PushAsync(Options() with { Basis = BasisRequest.Parse("RTX3090_N2501_ASR_250715") });

        Assert.Equal(("RTX3090_N2501_ASR_250715", true), (result.Basis?.Name, result.Basis?.Named));
        Assert.DoesNotContain(_transfer.Gpu.Calls, c => c.Operation == "ListDirectory");
    }

    [Fact]
    public async Task ANamedBasisThatIsNotThereIsAUsageErrorBeforeAnythingChanges()
    {
        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => _transfer.PushAsync(Options() with { Basis = BasisRequest.Parse("RTX3090_N2501_ASR_250700") }));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal($"--basis 'RTX3090_N2501_ASR_250700': no such version beside gpu:{To}", refused.Message);
        Assert.Empty(_transfer.Gpu.Changes);
    }

    [Fact]
    public async Task ANamedBasisThatIsASymlinkIsRefusedAndOneFoundByTheConventionIsPassedOver()
    {
        var link = "/models/RTX3090_N2501_ASR_250801";
        _transfer.Gpu.Put(link, Tree(File("config.pbtxt", 6)) with { RootLink = "/elsewhere" });

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => _transfer.PushAsync(Options() with { Basis = BasisRequest.Parse("RTX3090_N2501_ASR_250801") }));
        var result = await _transfer.PushAsync();

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("is a symlink", refused.Message, StringComparison.Ordinal);
        Assert.Equal("RTX3090_N2501_ASR_250715", result.Basis?.Name);
    }

    [Fact]
    public async Task ADryRunNamesTheBasisAndWhatItHoldsUnchangedAndChangesNothing()
    {
        var result = await _transfer.PushAsync(Options() with { DryRun = true });

        Assert.Equal(new BasisUse("RTX3090_N2501_ASR_250715", Basis, false, "config".Length, 1), result.Basis);
        Assert.Empty(_transfer.Gpu.Changes);
    }

    [Fact]
    public async Task ATargetNameOutsideTheConventionHasNoBasisAndNoListing()
    {
        var result = await _transfer.RunAsync(Direction.Push, new Endpoint(_transfer.Here, From, "./m"), new Endpoint(_transfer.Gpu, "/models/my-asr", "gpu:/models/my-asr"));

        Assert.Null(result.Basis);
        Assert.DoesNotContain(_transfer.Gpu.Calls, c => c.Operation == "ListDirectory");
    }

    public ValueTask DisposeAsync() => _transfer.DisposeAsync();

    /// <summary>As rsync does: sends only what the stage lacks or holds with another size or time.</summary>
    private sealed class StageAwareTransport : IStageTransport
    {
        public string Describe(TransferContext run) => "in memory, against the stage";

        public async Task<StageSend> SendAsync(TransferContext run, IReadOnlyCollection<string>? only, Action<RsyncItem> onItem, ITransferProgress progress)
        {
            var source = (MemoryRemote)run.Source.Remote;
            var target = (MemoryRemote)run.Target.Remote;
            var stage = await target.ScanAsync(run.Stage, run.Cancellation);
            var plan = Planner.Plan(run.SourceTree, stage, new PlanOptions());
            var bytes = 0L;
            foreach (var path in only ?? [.. plan.ToSend.Select(e => e.Path)])
            {
                var size = target.CopyFrom(source, run.Source.Path + "/" + path, run.Stage + "/" + path);
                bytes += size;
                onItem(new RsyncItem(path, size, false));
            }
            return new StageSend(bytes, bytes);
        }
    }
}

using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Transfer;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Operations;

/// <summary>A new version starts from an older one beside it: which one, how its stage is made, what vouches for it, and when none is used.</summary>
public sealed class BasisTransferTests
{
    private const string From = "/here/RTX3090_N2501_ASR_250820";
    private const string To = "/models/RTX3090_N2501_ASR_250820";
    private const string Basis = "/models/RTX3090_N2501_ASR_250715";

    private readonly MemoryRemote _here = new MemoryRemote("here", "/here")
        .File(From + "/config.pbtxt", "config")
        .File(From + "/1/model.onnx", "weights v2", Time + 60);

    private readonly MemoryRemote _gpu = new MemoryRemote()
        .File(Basis + "/config.pbtxt", "config")
        .File(Basis + "/1/model.onnx", "weights v1")
        .File(Basis + "/notes.txt", "only in the old version")
        .File("/models/RTX3090_N2501_ASR_MMS_251230/config.pbtxt", "another model");

    [Fact]
    public async Task ANewVersionStartsFromTheNewestOtherVersionOfItsModelWhichIsLeftUntouched()
    {
        _gpu.Vouch(Basis);
        var manifest = _gpu.ManifestIn(Basis);

        var result = await PushAsync();

        // The one call before the bytes made an empty stage for the new version; it starts from its basis instead.
        Assert.Equal(["StartTarget", "PrepareStageFrom", "FinishStage"], _gpu.Changes);
        Assert.Equal(new BasisUse("RTX3090_N2501_ASR_250715", Basis, false, "config".Length, 1), result.Basis);
        Assert.Equal((VerifyStatus.Verified, 1), (result.Verification.Status, result.Verification.HashedNow));
        Assert.Equal("weights v2", _gpu.Read(To + "/1/model.onnx"));
        Assert.False(_gpu.Exists(To + "/notes.txt"), "a file only the basis has never enters the new version");
        Assert.Equal(["config.pbtxt", "1/model.onnx"], _gpu.ManifestIn(To)!.Files.Select(f => f.Path).Order(StringComparer.Ordinal).Reverse());
        Assert.Equal("weights v1", _gpu.Read(Basis + "/1/model.onnx"));
        Assert.Equal("only in the old version", _gpu.Read(Basis + "/notes.txt"));
        Assert.Same(manifest, _gpu.ManifestIn(Basis));
    }

    [Fact]
    public async Task ABasisFileChangedSinceItsManifestIsHashedNotVouchedFor()
    {
        _gpu.Vouch(Basis).File(Basis + "/config.pbtxt", "config", Time + 5);
        _here.File(From + "/config.pbtxt", "config", Time + 5);

        var result = await PushAsync();

        Assert.Equal((VerifyStatus.Verified, 2), (result.Verification.Status, result.Verification.HashedNow));
    }

    [Fact]
    public async Task AnExistingTargetIsUpdatedFromItselfAndNamesNoBasis()
    {
        _gpu.File(To + "/config.pbtxt", "config");

        var result = await PushAsync();

        Assert.Equal(["StartTarget", "FinishStage"], _gpu.Changes);
        Assert.Null(result.Basis);
    }

    [Fact]
    public async Task TheLikelyBasisIsScannedBesideTheCallBeforeTheBytesNotAfterIt()
    {
        _gpu.Vouch(Basis);

        var result = await PushAsync();

        var calls = _gpu.Calls.Select(c => c.Operation + " " + c.Path).ToList();
        Assert.True(calls.IndexOf("Scan " + Basis) < calls.IndexOf("StartTarget " + To), string.Join(", ", calls));
        Assert.Equal(1, _gpu.Count("Scan", Basis));
        Assert.Equal("RTX3090_N2501_ASR_250715", result.Basis!.Name);
    }

    [Fact]
    public async Task AnExistingTargetThatTheListingShowsCostsNoScanOfAVersionBesideIt()
    {
        _gpu.File(To + "/config.pbtxt", "config");

        await PushAsync();

        Assert.Equal(0, _gpu.Count("Scan", Basis));
    }

    [Fact]
    public async Task BasisNoneStartsANewVersionEmpty()
    {
        var result = await PushAsync(Options() with { Basis = BasisRequest.None });

        Assert.Equal(["StartTarget", "FinishStage"], _gpu.Changes);
        Assert.Null(result.Basis);
        Assert.DoesNotContain(_gpu.Calls, c => c.Operation == "ListDirectory");
    }

    [Fact]
    public async Task ANamedBasisIsUsedThoughANewerVersionIsThere()
    {
        _gpu.File("/models/RTX3090_N2501_ASR_250801/config.pbtxt", "newer");

        var result = await PushAsync(Options() with { Basis = BasisRequest.Parse("RTX3090_N2501_ASR_250715") });

        Assert.Equal(("RTX3090_N2501_ASR_250715", true), (result.Basis?.Name, result.Basis?.Named));
        Assert.DoesNotContain(_gpu.Calls, c => c.Operation == "ListDirectory");
    }

    [Fact]
    public async Task ANamedBasisThatIsNotThereIsAUsageErrorBeforeAnythingChanges()
    {
        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => PushAsync(Options() with { Basis = BasisRequest.Parse("RTX3090_N2501_ASR_250700") }));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal($"--basis 'RTX3090_N2501_ASR_250700': no such version beside gpu:{To}", refused.Message);
        Assert.Empty(_gpu.Changes);
    }

    [Fact]
    public async Task ANamedBasisThatIsASymlinkIsRefusedAndOneFoundByTheConventionIsPassedOver()
    {
        var link = "/models/RTX3090_N2501_ASR_250801";
        _gpu.Put(link, Tree(File("config.pbtxt", 6)) with { RootLink = "/elsewhere" });

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => PushAsync(Options() with { Basis = BasisRequest.Parse("RTX3090_N2501_ASR_250801") }));
        var result = await PushAsync();

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("is a symlink", refused.Message, StringComparison.Ordinal);
        Assert.Equal("RTX3090_N2501_ASR_250715", result.Basis?.Name);
    }

    [Fact]
    public async Task ADryRunNamesTheBasisAndWhatItHoldsUnchangedAndChangesNothing()
    {
        var result = await PushAsync(Options() with { DryRun = true });

        Assert.Equal(new BasisUse("RTX3090_N2501_ASR_250715", Basis, false, "config".Length, 1), result.Basis);
        Assert.Empty(_gpu.Changes);
    }

    [Fact]
    public async Task ATargetNameOutsideTheConventionHasNoBasisAndNoListing()
    {
        var result = await new TransferOperation(new StageAwareTransport(), new TreeHasher(null), new RecordingProgress())
            .RunAsync(Direction.Push, new Endpoint(_here, From, "./m"), new Endpoint(_gpu, "/models/my-asr", "gpu:/models/my-asr"), Options(), default);

        Assert.Null(result.Basis);
        Assert.DoesNotContain(_gpu.Calls, c => c.Operation == "ListDirectory");
    }

    private static TransferOptions Options() => new(DryRun: false, Delete: false, Compress: false, Verify: true);

    private Task<TransferResult> PushAsync(TransferOptions? options = null) =>
        new TransferOperation(new StageAwareTransport(), new TreeHasher(null), new RecordingProgress())
            .RunAsync(Direction.Push, new Endpoint(_here, From, "./m"), new Endpoint(_gpu, To, "gpu:" + To), options ?? Options(), default);

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

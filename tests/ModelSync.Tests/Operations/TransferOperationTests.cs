using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Transfer;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Operations;

/// <summary>
/// The branches of the one push/pull walk, reached with places in memory: what it writes, locks and publishes, and
/// when it must not.
/// </summary>
public sealed class TransferOperationTests : IAsyncDisposable
{
    private const string From = "/here/m";
    private const string To = "/models/m";

    private readonly MemoryRemote _here = new MemoryRemote("here", "/here")
        .File(From + "/config.pbtxt", "config")
        .File(From + "/1/model.onnx", "weights v2", Time + 60);

    private readonly MemoryRemote _gpu = new();
    private readonly MemoryStageTransport _transport = new();

    [Fact]
    public async Task ANewModelIsStagedVerifiedAndPublishedUnderTheLock()
    {
        var result = await PushAsync();

        Assert.True(result.Published);
        Assert.Equal(VerifyStatus.Verified, result.Verification.Status);
        // One call takes the lock and prepares the stage, one verifies, writes the manifest, publishes and unlocks.
        Assert.Equal(["StartTarget", "FinishStage"], _gpu.Changes);
        Assert.Equal(["StartTarget", "FinishStage"], _gpu.Calls.Where(c => c.Operation != "Connect").Select(c => c.Operation));
        Assert.Equal("weights v2", _gpu.Read(To + "/1/model.onnx"));
        Assert.NotNull(_gpu.ManifestIn(To));
        Assert.False(_gpu.Exists(StageNames.Stage(To)));
        Assert.False(_gpu.IsLocked(To));
    }

    [Fact]
    public async Task AnUpToDateTargetWithAManifestIsNeitherLockedNorWritten()
    {
        CopyModelToTarget().Vouch(To);

        var result = await PushAsync();

        Assert.Equal(["StartTarget"], _gpu.Calls.Select(c => c.Operation));
        Assert.Equal(0, _gpu.LocksTaken);
        Assert.Equal(0, _transport.Sends);
        Assert.False(result.Published);
        Assert.Equal((VerifyStatus.Verified, 0), (result.Verification.Status, result.Verification.HashedNow));
    }

    [Fact]
    public async Task AnUpToDateTargetWithoutAManifestGetsOneUnderTheLockAndNoStage()
    {
        CopyModelToTarget();

        var result = await PushAsync();

        Assert.Equal(["StartTarget", "TryTakeLock", "WriteManifest", "ReleaseLock"], _gpu.Changes);
        Assert.NotNull(_gpu.ManifestIn(To));
        Assert.False(result.Published);
    }

    [Fact]
    public async Task ALockHeldByAnotherRunFailsAtOnceNamingItsHolder()
    {
        _gpu.HoldLock(To, Holder("model-sync push ./m gpu:m"), TimeSpan.FromMinutes(1));

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => PushAsync());

        Assert.Equal($"{To} on gpu is locked by model-sync push ./m gpu:m (pid 4242 on elsewhere, since 2026-12-06 10:00:00Z)", refused.Message);
        Assert.Contains("--lock-timeout", refused.Fix, StringComparison.Ordinal);
        Assert.Equal(["StartTarget", "TryTakeLock"], _gpu.Changes);
        Assert.Equal(0, _transport.Sends);
    }

    [Fact]
    public async Task AStaleLockIsBrokenWithAWarningAndThePushGoesOn()
    {
        _gpu.HoldLock(To, Holder("model-sync push old"), TimeSpan.FromHours(25));

        var result = await PushAsync();

        Assert.Equal(["StartTarget", "TryTakeLock", "BreakLock", "TryTakeLock", "PrepareStage", "FinishStage"], _gpu.Changes);
        Assert.Contains(result.Warnings, w => w.StartsWith($"breaking a stale lock on {To}: model-sync push old", StringComparison.Ordinal));
        Assert.True(result.Published);
    }

    [Fact]
    public async Task ALockReleasedWhileWaitingIsTakenAndTheTargetListedAgain()
    {
        _gpu.HoldLock(To, Holder("model-sync push other"), TimeSpan.FromMinutes(1), tries: 1);

        var result = await PushAsync(Options() with { Lock = new LockPolicy(TimeSpan.FromMinutes(1), TimeSpan.FromHours(24)) });

        Assert.True(result.Published);
        Assert.Equal((1, 1), (_gpu.Count("StartTarget", To), _gpu.Count("TryTakeLock", To)));
        Assert.Equal(1, _gpu.Count("Scan", To));
    }

    [Fact]
    public async Task ASpaceShortfallRefusesBeforeAnyByteMoves()
    {
        _gpu.FreeBytes = 10;

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => PushAsync());

        Assert.StartsWith("not enough space on gpu: the transfer needs", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["StartTarget", "ReleaseLock"], _gpu.Changes);
        Assert.False(_gpu.Exists(StageNames.Stage(To)));
        Assert.Equal(0, _transport.Sends);
    }

    [Fact]
    public async Task AFileThatDoesNotVerifyIsSentOnceMoreAndNeverPublished()
    {
        _transport.Damaged.Add("1/model.onnx");

        var result = await PushAsync();

        Assert.Equal(VerifyStatus.Failed, result.Verification.Status);
        Assert.Equal(["1/model.onnx"], result.Verification.Mismatched);
        Assert.False(result.Published);
        Assert.Equal(2, _transport.Sends);
        Assert.DoesNotContain("Publish", _gpu.Changes);
        Assert.DoesNotContain("WriteManifest", _gpu.Changes);
        Assert.False(_gpu.Exists(To));
        Assert.False(_gpu.IsLocked(To));
    }

    [Fact]
    public async Task AStageThatDoesNotVerifyInTheOneCallIsCheckedFromWhatItFoundAndTheDifferenceSentAgain()
    {
        _transport.DamagedOnce.Add("1/model.onnx");

        var result = await PushAsync();

        Assert.True(result.Published);
        Assert.Equal((VerifyStatus.Verified, 1), (result.Verification.Status, result.Verification.Resent));
        Assert.Equal(2, _transport.Sends);
        // The stage is not listed or hashed again in full: only the file sent once more is hashed.
        Assert.Equal(["StartTarget", "FinishStage", "Hash", "WriteManifest", "Publish", "ReleaseLock"], _gpu.Calls.Where(c => c.Operation != "Connect").Select(c => c.Operation));
        Assert.Equal("weights v2", _gpu.Read(To + "/1/model.onnx"));
        Assert.NotNull(_gpu.ManifestIn(To));
        Assert.False(_gpu.IsLocked(To));
    }

    [Fact]
    public async Task FilesTheTargetsManifestVouchesForAreCheckedByTheirTimeNotHashedAgain()
    {
        CopyModelToTarget().Vouch(To);
        _here.File(From + "/config.pbtxt", "config v2", Time + 120);

        var result = await PushAsync();

        Assert.True(result.Published);
        var finish = _gpu.LastFinish!;
        Assert.Equal(["config.pbtxt"], finish.ToHash.Keys);
        Assert.Equal(["1/model.onnx"], finish.Known.Select(k => k.Path));
        Assert.Equal(["StartTarget", "FinishStage"], _gpu.Changes);
    }

    [Fact]
    public async Task ATargetTheServerCallsTheSameButThePlanDoesNotGoesStepByStep()
    {
        // Equal to the second, so the one call takes nothing; the plan sees the part below the second differ.
        CopyModelToTarget().Exact(To + "/config.pbtxt", $"{Time}.2000000000");
        _here.Exact(From + "/config.pbtxt", $"{Time}.5000000000");

        var result = await PushAsync();

        Assert.True(result.Published);
        Assert.Equal(["StartTarget", "TryTakeLock", "PrepareStage", "FinishStage"], _gpu.Changes);
    }

    [Fact]
    public async Task ARefusalAfterTheOneCallTookTheLockDropsTheStageItMadeAndUnlocks()
    {
        // A file where the source has a directory: the plan needs --delete, known only once the target is listed.
        _gpu.File(To + "/1", "a file");

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => PushAsync());

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal(["StartTarget", "DiscardStage", "ReleaseLock"], _gpu.Changes);
        Assert.False(_gpu.Exists(StageNames.Stage(To)));
        Assert.False(_gpu.IsLocked(To));
        Assert.Equal("a file", _gpu.Read(To + "/1"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FilesAreRemovedOnlyAfterConsent(bool yes)
    {
        CopyModelToTarget().File(To + "/stale.bin", "old");
        var consent = new Answering(yes);

        var refusal = await Record.ExceptionAsync(() => PushAsync(Options(delete: true) with { Consent = consent }));

        Assert.Equal(["stale.bin"], consent.Asked!.Select(e => e.Path));
        if (yes)
        {
            Assert.Null(refusal);
            Assert.False(_gpu.Exists(To + "/stale.bin"));
        }
        else
        {
            Assert.Equal(ExitCodes.Usage, Assert.IsType<ModelSyncException>(refusal).ExitCode);
            Assert.Equal(["StartTarget"], _gpu.Changes);
            Assert.Equal(0, _gpu.LocksTaken);
            Assert.Equal("old", _gpu.Read(To + "/stale.bin"));
        }
    }

    [Fact]
    public async Task AnUnverifiedPushDropsTheManifestTheStageInherited()
    {
        CopyModelToTarget().Vouch(To);
        _here.File(From + "/1/model.onnx", "weights v3", Time + 120);

        var result = await PushAsync(Options(verify: false));

        Assert.True(result.Published);
        Assert.Equal(["StartTarget", "RemoveManifest", "Publish", "ReleaseLock"], _gpu.Changes);
        Assert.Null(_gpu.ManifestIn(To));
        Assert.Equal("weights v3", _gpu.Read(To + "/1/model.onnx"));
    }

    [Fact]
    public async Task ASourceWrittenDuringTheSendIsNotPublished()
    {
        _transport.AfterSend = () => _here.File(From + "/1/model.onnx", "weights v3, half written", Time + 120);

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => PushAsync());

        Assert.StartsWith("1/model.onnx modified during sync", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Publish", _gpu.Changes);
        Assert.False(_gpu.Exists(To));
    }

    [Fact]
    public async Task APublishInterruptedIsReportedFromWhatTheServerShows()
    {
        using var interrupt = new CancellationTokenSource();
        _gpu.OnPublish = interrupt.Cancel;

        var interrupted = await Assert.ThrowsAsync<ModelSyncException>(() => PushAsync(cancellationToken: interrupt.Token));

        Assert.Equal((ExitCodes.Interrupted, "interrupted before publishing; the target was left as it was"), (interrupted.ExitCode, interrupted.Message));
        Assert.Equal(1, _gpu.Count("PublishState", To));
    }

    [Fact]
    public async Task ADryRunOnlyLooks()
    {
        var result = await PushAsync(Options() with { DryRun = true });

        Assert.Empty(_gpu.Changes);
        Assert.Equal(0, _transport.Sends);
        Assert.Equal(2, result.Plan.ToSend.Count());
    }

    public async ValueTask DisposeAsync()
    {
        await _here.DisposeAsync();
        await _gpu.DisposeAsync();
    }

    private static TransferOptions Options(bool delete = false, bool verify = true) => new(DryRun: false, Delete: delete, Compress: false, Verify: verify);

    private static LockHolder Holder(string command) => new("elsewhere", 4242, "2026-12-06 10:00:00Z", command, "their-token");

    /// <summary>The target holds the source's files, with their times, as a finished push leaves it.</summary>
    private MemoryRemote CopyModelToTarget()
    {
        foreach (var path in new[] { "config.pbtxt", "1", "1/model.onnx" }) _gpu.CopyFrom(_here, From + "/" + path, To + "/" + path);
        return _gpu;
    }

    private Task<TransferResult> PushAsync(TransferOptions? options = null, CancellationToken cancellationToken = default) =>
        new TransferOperation(_transport, new TreeHasher(null), new RecordingProgress())
            .RunAsync(Direction.Push, new Endpoint(_here, From, "./m"), new Endpoint(_gpu, To, "gpu:" + To), options ?? Options(), cancellationToken);

    /// <summary>Answers with <paramref name="yes"/> and remembers what it was asked about.</summary>
    private sealed class Answering(bool yes) : IRemovalConsent
    {
        public IReadOnlyList<PlannedEntry>? Asked { get; private set; }

        public bool Confirm(string server, IReadOnlyList<PlannedEntry> removals)
        {
            Asked = removals;
            return yes;
        }
    }
}

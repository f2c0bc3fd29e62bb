using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Remotes;
using ModelSync.Tests.Support;
using ModelSync.Transfer;
using static ModelSync.Tests.Support.Entries;
using static ModelSync.Tests.Support.MemoryTransfer;

namespace ModelSync.Tests.Operations;

/// <summary>
/// The branches of the one push/pull walk, reached with places in memory: what it writes, locks and publishes, and
/// when it must not.
/// </summary>
public sealed class TransferOperationTests : IAsyncDisposable
{
    private const string From = "/here/m";
    private const string To = "/models/m";

    private readonly MemoryTransfer<MemoryStageTransport> _transfer = new(From, To);

    [Fact]
    public async Task ANewModelIsStagedVerifiedAndPublishedUnderTheLock()
    {
        var result = await _transfer.PushAsync();

        Assert.True(result.Published);
        Assert.Equal(VerifyStatus.Verified, result.Verification.Status);
        // One call takes the lock and prepares the stage, one verifies, writes the manifest, publishes and unlocks.
        Assert.Equal(["StartTarget", "FinishStage"], _transfer.Gpu.Changes);
        Assert.Equal(["StartTarget", "FinishStage"], _transfer.Gpu.Calls.Where(c => c.Operation != "Connect").Select(c => c.Operation));
        Assert.Equal("weights v2", _transfer.Gpu.Read(To + "/1/model.onnx"));
        Assert.NotNull(_transfer.Gpu.ManifestIn(To));
        Assert.False(_transfer.Gpu.Exists(StageNames.Stage(To)));
        Assert.False(_transfer.Gpu.IsLocked(To));
    }

    [Fact]
    public async Task AnUpToDateTargetWithAManifestIsNeitherLockedNorWritten()
    {
        _transfer.CopyModelToTarget().Vouch(To);

        var result = await _transfer.PushAsync();

        Assert.Equal(["StartTarget"], _transfer.Gpu.Calls.Select(c => c.Operation));
        Assert.Equal(0, _transfer.Gpu.LocksTaken);
        Assert.Equal(0, _transfer.Transport.Sends);
        Assert.False(result.Published);
        Assert.Equal((VerifyStatus.Verified, 0), (result.Verification.Status, result.Verification.HashedNow));
    }

    [Fact]
    public async Task AnUpToDateTargetWithoutAManifestGetsOneUnderTheLockAndNoStage()
    {
        _transfer.CopyModelToTarget();

        var result = await _transfer.PushAsync();

        Assert.Equal(["StartTarget", "TryTakeLock", "WriteManifest", "ReleaseLock"], _transfer.Gpu.Changes);
        Assert.NotNull(_transfer.Gpu.ManifestIn(To));
        Assert.False(result.Published);
    }

    [Fact]
    public async Task ALockHeldByAnotherRunFailsAtOnceNamingItsHolder()
    {
        _transfer.Gpu.HoldLock(To, Holder("model-sync push ./m gpu:m"), TimeSpan.FromMinutes(1));

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => _transfer.PushAsync());

        Assert.Equal($"{To} on gpu is locked by model-sync push ./m gpu:m (pid 4242 on elsewhere, since 2026-12-06 10:00:00Z)", refused.Message);
        Assert.Contains("--lock-timeout", refused.Fix, StringComparison.Ordinal);
        Assert.Equal(["StartTarget", "TryTakeLock"], _transfer.Gpu.Changes);
        Assert.Equal(0, _transfer.Transport.Sends);
    }

    [Fact]
    public async Task AStaleLockIsBrokenWithAWarningAndThePushGoesOn()
    {
        _transfer.Gpu.HoldLock(To, Holder("model-sync push old"), TimeSpan.FromHours(25));

        var result = await _transfer.PushAsync();

        Assert.Equal(["StartTarget", "TryTakeLock", "BreakLock", "TryTakeLock", "PrepareStage", "FinishStage"], _transfer.Gpu.Changes);
        Assert.Contains(result.Warnings, w => w.StartsWith($"breaking a stale lock on {To}: model-sync push old", StringComparison.Ordinal));
        Assert.True(result.Published);
    }

    [Fact]
    public async Task ALockReleasedWhileWaitingIsTakenAndTheTargetListedAgain()
    {
        _transfer.Gpu.HoldLock(To, Holder("model-sync push other"), TimeSpan.FromMinutes(1), tries: 1);

        var result = await _transfer.PushAsync(Options() with { Lock = new LockPolicy(TimeSpan.FromMinutes(1), TimeSpan.FromHours(24)) });

        Assert.True(result.Published);
        Assert.Equal((1, 1), (_transfer.Gpu.Count("StartTarget", To), _transfer.Gpu.Count("TryTakeLock", To)));
        Assert.Equal(1, _transfer.Gpu.Count("Scan", To));
    }

    [Fact]
    public async Task ASpaceShortfallRefusesBeforeAnyByteMoves()
    {
        _transfer.Gpu.FreeBytes = 10;

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => _transfer.PushAsync());

        Assert.StartsWith("not enough space on gpu: the transfer needs", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["StartTarget", "ReleaseLock"], _transfer.Gpu.Changes);
        Assert.False(_transfer.Gpu.Exists(StageNames.Stage(To)));
        Assert.Equal(0, _transfer.Transport.Sends);
    }

    [Fact]
    public async Task AFileThatDoesNotVerifyIsSentOnceMoreAndNeverPublished()
    {
        _transfer.Transport.Damaged.Add("1/model.onnx");

        var result = await _transfer.PushAsync();

        Assert.Equal(VerifyStatus.Failed, result.Verification.Status);
        Assert.Equal(["1/model.onnx"], result.Verification.Mismatched);
        Assert.False(result.Published);
        Assert.Equal(2, _transfer.Transport.Sends);
        Assert.DoesNotContain("Publish", _transfer.Gpu.Changes);
        Assert.DoesNotContain("WriteManifest", _transfer.Gpu.Changes);
        Assert.False(_transfer.Gpu.Exists(To));
        Assert.False(_transfer.Gpu.IsLocked(To));
    }

    [Fact]
    public async Task AStageThatDoesNotVerifyInTheOneCallIsCheckedFromWhatItFoundAndTheDifferenceSentAgain()
    {
        _transfer.Transport.DamagedOnce.Add("1/model.onnx");

        var result = await _transfer.PushAsync();

        Assert.True(result.Published);
        Assert.Equal((VerifyStatus.Verified, 1), (result.Verification.Status, result.Verification.Resent));
        Assert.Equal(2, _transfer.Transport.Sends);
        // The stage is not listed or hashed again in full: only the file sent once more is hashed.
        Assert.Equal(["StartTarget", "FinishStage", "Hash", "WriteManifest", "Publish", "ReleaseLock"], _transfer.Gpu.Calls.Where(c => c.Operation != "Connect").Select(c => c.Operation));
        Assert.Equal("weights v2", _transfer.Gpu.Read(To + "/1/model.onnx"));
        Assert.NotNull(_transfer.Gpu.ManifestIn(To));
        Assert.False(_transfer.Gpu.IsLocked(To));
    }

    [Fact]
    public async Task FilesTheTargetsManifestVouchesForAreCheckedByTheirTimeNotHashedAgain()
    {
        _transfer.CopyModelToTarget().Vouch(To);
        _transfer.Here.File(From + "/config.pbtxt", "config v2", Time + 120);

        var result = await _transfer.PushAsync();

        Assert.True(result.Published);
        var finish = _transfer.Gpu.LastFinish!;
        Assert.Equal(["config.pbtxt"], finish.ToHash.Keys);
        Assert.Equal(["1/model.onnx"], finish.Known.Select(k => k.Path));
        Assert.Equal(["StartTarget", "FinishStage"], _transfer.Gpu.Changes);
    }

    [Fact]
    public async Task ATargetTheServerCallsTheSameButThePlanDoesNotGoesStepByStep()
    {
        // Equal to the second, so the one call takes nothing; the plan sees the part below the second differ.
        _transfer.CopyModelToTarget().Exact(To + "/config.pbtxt", $"{Time}.2000000000");
        _transfer.Here.Exact(From + "/config.pbtxt", $"{Time}.5000000000");

        var result = await _transfer.PushAsync();

        Assert.True(result.Published);
        Assert.Equal(["StartTarget", "TryTakeLock", "PrepareStage", "FinishStage"], _transfer.Gpu.Changes);
    }

    [Fact]
    public async Task ARefusalAfterTheOneCallTookTheLockDropsTheStageItMadeAndUnlocks()
    {
        // A file where the source has a directory: the plan needs --delete, known only once the target is listed.
        _transfer.Gpu.File(To + "/1", "a file");

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => _transfer.PushAsync());

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal(["StartTarget", "DiscardStage", "ReleaseLock"], _transfer.Gpu.Changes);
        Assert.False(_transfer.Gpu.Exists(StageNames.Stage(To)));
        Assert.False(_transfer.Gpu.IsLocked(To));
        Assert.Equal("a file", _transfer.Gpu.Read(To + "/1"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FilesAreRemovedOnlyAfterConsent(bool yes)
    {
        _transfer.CopyModelToTarget().File(To + "/stale.bin", "old");
        var consent = new Answering(yes);

        var refusal = await Record.ExceptionAsync(() => _transfer.PushAsync(Options(delete: true) with { Consent = consent }));

        Assert.Equal(["stale.bin"], consent.Asked!.Select(e => e.Path));
        if (yes)
        {
            Assert.Null(refusal);
            Assert.False(_transfer.Gpu.Exists(To + "/stale.bin"));
        }
        else
        {
            Assert.Equal(ExitCodes.Usage, Assert.IsType<ModelSyncException>(refusal).ExitCode);
            Assert.Equal(["StartTarget"], _transfer.Gpu.Changes);
            Assert.Equal(0, _transfer.Gpu.LocksTaken);
            Assert.Equal("old", _transfer.Gpu.Read(To + "/stale.bin"));
        }
    }

    [Fact]
    public async Task AnUnverifiedPushDropsTheManifestTheStageInherited()
    {
        _transfer.CopyModelToTarget().Vouch(To);
        _transfer.Here.File(From + "/1/model.onnx", "weights v3", Time + 120);

        var result = await _transfer.PushAsync(Options(verify: false));

        Assert.True(result.Published);
        Assert.Equal(["StartTarget", "RemoveManifest", "Publish", "ReleaseLock"], _transfer.Gpu.Changes);
        Assert.Null(_transfer.Gpu.ManifestIn(To));
        Assert.Equal("weights v3", _transfer.Gpu.Read(To + "/1/model.onnx"));
    }

    [Fact]
    public async Task ASourceWrittenDuringTheSendIsNotPublished()
    {
        _transfer.Transport.AfterSend = () => _transfer.Here.File(From + "/1/model.onnx", "weights v3, half written", Time + 120);

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => _transfer.PushAsync());

        Assert.StartsWith("1/model.onnx modified during sync", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Publish", _transfer.Gpu.Changes);
        Assert.False(_transfer.Gpu.Exists(To));
    }

    [Fact]
    public async Task ASourceWrittenAfterTheSendsOwnCallPublishedItLeavesWhatWasHashedPublished()
    {
        _transfer.Transport.FinishesInSend = true;
        _transfer.Transport.AfterSend = () => _transfer.Here.File(From + "/1/model.onnx", "weights v3, half written", Time + 120);

        var result = await _transfer.PushAsync();

        Assert.True(result.Published);
        Assert.Equal(VerifyStatus.Verified, result.Verification.Status);
        Assert.Equal("weights v2", _transfer.Gpu.Read(To + "/1/model.onnx"));
    }

    [Fact]
    public async Task APublishInterruptedIsReportedFromWhatTheServerShows()
    {
        using var interrupt = new CancellationTokenSource();
        _transfer.Gpu.OnPublish = interrupt.Cancel;

        var interrupted = await Assert.ThrowsAsync<ModelSyncException>(() => _transfer.PushAsync(cancellationToken: interrupt.Token));

        Assert.Equal((ExitCodes.Interrupted, "interrupted before publishing; the target was left as it was"), (interrupted.ExitCode, interrupted.Message));
        Assert.Equal(1, _transfer.Gpu.Count("PublishState", To));
    }

    [Fact]
    public async Task ADryRunOnlyLooks()
    {
        var result = await _transfer.PushAsync(Options() with { DryRun = true });

        Assert.Empty(_transfer.Gpu.Changes);
        Assert.Equal(0, _transfer.Transport.Sends);
        Assert.Equal(2, result.Plan.ToSend.Count());
    }

    public ValueTask DisposeAsync() => _transfer.DisposeAsync();

    private static LockHolder Holder(string command) => new("elsewhere", 4242, "2026-12-06 10:00:00Z", command, "their-token");

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

using ModelSync.Tests.Support;
using ModelSync.Transfer;
using static ModelSync.Tests.Support.Entries;
using static ModelSync.Tests.Support.MemoryTransfer;

namespace ModelSync.Tests.Operations;

/// <summary>
/// What a push or pull reads on this machine when the server's manifest vouches for files of the same size and mtime
/// (rsync's quick check carried over to hashes): only what is sent, unless <c>--checksum</c>.
/// </summary>
public sealed class QuickCheckTransferTests : IAsyncDisposable
{
    private const string Here = "/here/m";
    private const string There = "/models/m";

    private readonly MemoryTransfer<MemoryStageTransport> _transfer = new(Here, There);

    [Fact]
    public async Task ANoOpPushAgainstAVouchingManifestReadsNoLocalFile()
    {
        _transfer.CopyModelToTarget().Vouch(There);

        var result = await _transfer.PushAsync();

        Assert.Empty(_transfer.Here.Hashed);
        Assert.Empty(_transfer.Gpu.Hashed);
        Assert.Equal((VerifyStatus.Verified, 0, 0, 2), Counts(result));
        Assert.Equal(["StartTarget"], _transfer.Gpu.Changes);
        Assert.Equal(0, _transfer.Gpu.LocksTaken);
    }

    [Fact]
    public async Task APushOfOneChangedFileHashesOnlyThatFileHereAndWritesAManifestOfEveryFile()
    {
        _transfer.CopyModelToTarget().Vouch(There);
        _transfer.Here.File(Here + "/1/model.onnx", "weights v3", Time + 120);

        var result = await _transfer.PushAsync();

        Assert.Equal([Here + "/1/model.onnx"], _transfer.Here.Hashed);
        Assert.Equal((VerifyStatus.Verified, 1, 1, 1), Counts(result));
        var manifest = _transfer.Gpu.ManifestIn(There)!.Files.ToDictionary(f => f.Path, f => f.Hash);
        Assert.Equal(new Dictionary<string, string> { ["1/model.onnx"] = MemoryRemote.HashOf("weights v3"), ["config.pbtxt"] = MemoryRemote.HashOf("config") }, manifest);
    }

    [Fact]
    public async Task AMatchWithoutAVouchingManifestIsHashedOnBothSides()
    {
        _transfer.CopyModelToTarget();

        var result = await _transfer.PushAsync();

        Assert.Equal(2, _transfer.Here.Hashed.Count);
        Assert.Equal((VerifyStatus.Verified, 2, 2, 0), Counts(result));
    }

    [Fact]
    public async Task ChecksumReadsEveryFileEvenWhenAManifestVouches()
    {
        _transfer.CopyModelToTarget().Vouch(There);

        var result = await _transfer.PushAsync(Options() with { Checksum = true });

        Assert.Equal(2, _transfer.Here.Hashed.Count);
        Assert.Equal(2, _transfer.Gpu.Hashed.Count);
        Assert.Equal(0, result.Verification.MatchedBySizeAndMtime);
    }

    [Fact]
    public async Task ALocalEditKeepingSizeAndMtimeIsNotSeenWithoutChecksumAndIsSentWithIt()
    {
        _transfer.CopyModelToTarget().Vouch(There);
        _transfer.Here.File(Here + "/1/model.onnx", "weights v9", Time + 60);

        await _transfer.PushAsync();
        Assert.Equal("weights v2", _transfer.Gpu.Read(There + "/1/model.onnx"));

        var result = await _transfer.PushAsync(Options() with { Checksum = true });
        Assert.Equal((VerifyStatus.Verified, true), (result.Verification.Status, result.Published));
        Assert.Equal("weights v9", _transfer.Gpu.Read(There + "/1/model.onnx"));
    }

    [Fact]
    public async Task ANoOpPullIntoACopyOfTheSameSizesAndMtimesReadsNoLocalFile()
    {
        _transfer.CopyModelToTarget().Vouch(There);

        var result = await _transfer.PullAsync();

        Assert.Empty(_transfer.Here.Hashed);
        Assert.Empty(_transfer.Gpu.Hashed);
        Assert.Equal((VerifyStatus.Verified, 0, 0, 2), Counts(result));
    }

    [Fact]
    public async Task APullOfOneChangedFileHashesOnlyWhatItWroteHere()
    {
        _transfer.CopyModelToTarget().Vouch(There);
        _transfer.Gpu.File(There + "/1/model.onnx", "weights v3", Time + 120).Vouch(There);

        var result = await _transfer.PullAsync();

        Assert.Equal([StageOf(Here) + "/1/model.onnx"], _transfer.Here.Hashed);
        Assert.Equal((VerifyStatus.Verified, 1, 0, 1), Counts(result));
        Assert.Equal("weights v3", _transfer.Here.Read(Here + "/1/model.onnx"));
    }

    [Fact]
    public async Task ACopyBetweenServersLendsNothingEachSideHashesWhereItIs()
    {
        _transfer.CopyModelToTarget().Vouch(There);

        var result = await _transfer.CopyAsync();

        Assert.Equal(2, _transfer.Here.Hashed.Count);
        Assert.Equal((VerifyStatus.Verified, 0, 2, 0), Counts(result));
    }

    public ValueTask DisposeAsync() => _transfer.DisposeAsync();

    /// <summary>Status, files hashed on the receiving side, on the sending side, and files here matched by size and mtime.</summary>
    private static (VerifyStatus, int, int, int) Counts(TransferResult result) =>
        (result.Verification.Status, result.Verification.HashedNow, result.Verification.SourceHashedNow, result.Verification.MatchedBySizeAndMtime);

    private static string StageOf(string target) => ModelSync.Paths.StageNames.Stage(target);
}

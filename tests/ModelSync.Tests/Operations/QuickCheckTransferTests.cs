using ModelSync.Operations;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Transfer;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Operations;

/// <summary>
/// What a push or pull reads on this machine when the server's manifest vouches for files of the same size and mtime
/// (rsync's quick check carried over to hashes): only what is sent, unless <c>--checksum</c>.
/// </summary>
public sealed class QuickCheckTransferTests : IAsyncDisposable
{
    private const string Here = "/here/m";
    private const string There = "/models/m";

    private readonly MemoryRemote _here = new MemoryRemote("here", "/here")
        .File(Here + "/config.pbtxt", "config")
        .File(Here + "/1/model.onnx", "weights v2", Time + 60);

    private readonly MemoryRemote _gpu = new();
    private readonly MemoryStageTransport _transport = new();

    [Fact]
    public async Task ANoOpPushAgainstAVouchingManifestReadsNoLocalFile()
    {
        ServerCopy().Vouch(There);

        var result = await PushAsync();

        Assert.Empty(_here.Hashed);
        Assert.Empty(_gpu.Hashed);
        Assert.Equal((VerifyStatus.Verified, 0, 0, 2), Counts(result));
        Assert.Equal(["StartTarget"], _gpu.Changes);
        Assert.Equal(0, _gpu.LocksTaken);
    }

    [Fact]
    public async Task APushOfOneChangedFileHashesOnlyThatFileHereAndWritesAManifestOfEveryFile()
    {
        ServerCopy().Vouch(There);
        _here.File(Here + "/1/model.onnx", "weights v3", Time + 120);

        var result = await PushAsync();

        Assert.Equal([Here + "/1/model.onnx"], _here.Hashed);
        Assert.Equal((VerifyStatus.Verified, 1, 1, 1), Counts(result));
        var manifest = _gpu.ManifestIn(There)!.Files.ToDictionary(f => f.Path, f => f.Hash);
        Assert.Equal(new Dictionary<string, string> { ["1/model.onnx"] = MemoryRemote.HashOf("weights v3"), ["config.pbtxt"] = MemoryRemote.HashOf("config") }, manifest);
    }

    [Fact]
    public async Task AMatchWithoutAVouchingManifestIsHashedOnBothSides()
    {
        ServerCopy();

        var result = await PushAsync();

        Assert.Equal(2, _here.Hashed.Count);
        Assert.Equal((VerifyStatus.Verified, 2, 2, 0), Counts(result));
    }

    [Fact]
    public async Task ChecksumReadsEveryFileEvenWhenAManifestVouches()
    {
        ServerCopy().Vouch(There);

        var result = await PushAsync(Options() with { Checksum = true });

        Assert.Equal(2, _here.Hashed.Count);
        Assert.Equal(2, _gpu.Hashed.Count);
        Assert.Equal(0, result.Verification.MatchedBySizeAndMtime);
    }

    [Fact]
    public async Task ALocalEditKeepingSizeAndMtimeIsNotSeenWithoutChecksumAndIsSentWithIt()
    {
        ServerCopy().Vouch(There);
        _here.File(Here + "/1/model.onnx", "weights v9", Time + 60);

        await PushAsync();
        Assert.Equal("weights v2", _gpu.Read(There + "/1/model.onnx"));

        var result = await PushAsync(Options() with { Checksum = true });
        Assert.Equal((VerifyStatus.Verified, true), (result.Verification.Status, result.Published));
        Assert.Equal("weights v9", _gpu.Read(There + "/1/model.onnx"));
    }

    [Fact]
    public async Task ANoOpPullIntoACopyOfTheSameSizesAndMtimesReadsNoLocalFile()
    {
        ServerCopy().Vouch(There);

        var result = await PullAsync();

        Assert.Empty(_here.Hashed);
        Assert.Empty(_gpu.Hashed);
        Assert.Equal((VerifyStatus.Verified, 0, 0, 2), Counts(result));
    }

    [Fact]
    public async Task APullOfOneChangedFileHashesOnlyWhatItWroteHere()
    {
        ServerCopy().Vouch(There);
        _gpu.File(There + "/1/model.onnx", "weights v3", Time + 120).Vouch(There);

        var result = await PullAsync();

        Assert.Equal([StageOf(Here) + "/1/model.onnx"], _here.Hashed);
        Assert.Equal((VerifyStatus.Verified, 1, 0, 1), Counts(result));
        Assert.Equal("weights v3", _here.Read(Here + "/1/model.onnx"));
    }

    [Fact]
    public async Task ACopyBetweenServersLendsNothingEachSideHashesWhereItIs()
    {
        ServerCopy().Vouch(There);

        var result = await new TransferOperation(_transport, new TreeHasher(null), new RecordingProgress())
            .RunAsync(Direction.Copy, new Endpoint(_here, Here, "here:" + Here), new Endpoint(_gpu, There, "gpu:" + There), Options(), CancellationToken.None);

        Assert.Equal(2, _here.Hashed.Count);
        Assert.Equal((VerifyStatus.Verified, 0, 2, 0), Counts(result));
    }

    public async ValueTask DisposeAsync()
    {
        await _here.DisposeAsync();
        await _gpu.DisposeAsync();
    }

    /// <summary>Status, files hashed on the receiving side, on the sending side, and files here matched by size and mtime.</summary>
    private static (VerifyStatus, int, int, int) Counts(TransferResult result) =>
        (result.Verification.Status, result.Verification.HashedNow, result.Verification.SourceHashedNow, result.Verification.MatchedBySizeAndMtime);

    private static string StageOf(string target) => ModelSync.Paths.StageNames.Stage(target);

    private static TransferOptions Options() => new(DryRun: false, Delete: false, Compress: false, Verify: true);

    /// <summary>The server holds this machine's files with their times, as a finished push leaves them.</summary>
    private MemoryRemote ServerCopy()
    {
        foreach (var path in new[] { "config.pbtxt", "1", "1/model.onnx" }) _gpu.CopyFrom(_here, Here + "/" + path, There + "/" + path);
        return _gpu;
    }

    private Task<TransferResult> PushAsync(TransferOptions? options = null) =>
        new TransferOperation(_transport, new TreeHasher(null), new RecordingProgress())
            .RunAsync(Direction.Push, new Endpoint(_here, Here, "./m"), new Endpoint(_gpu, There, "gpu:" + There), options ?? Options(), CancellationToken.None);

    private Task<TransferResult> PullAsync() =>
        new TransferOperation(_transport, new TreeHasher(null), new RecordingProgress())
            .RunAsync(Direction.Pull, new Endpoint(_gpu, There, "gpu:" + There), new Endpoint(_here, Here, "./m"), Options(), CancellationToken.None);
}

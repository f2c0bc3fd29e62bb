using ModelSync.Tests.Support;
using ModelSync.Transfer;
using static ModelSync.Tests.Support.MemoryTransfer;

namespace ModelSync.Tests.Operations;

/// <summary>
/// A streamed send with nothing left for rsync leaves its last step, the ranged files moved into the stage, to the
/// finish's one call, saving a round trip; wherever no such call follows, they go into place in a call of their own
/// before anything checks or publishes the stage.
/// </summary>
public sealed class RangesLeftToTheFinishTests : IAsyncDisposable
{
    private const string From = "/here/m";
    private const string To = "/models/m";

    private readonly MemoryTransfer<MemoryStageTransport> _transfer = new(From, To);

    public RangesLeftToTheFinishTests() => _transfer.Transport.LeavesRanges = true;

    [Fact]
    public async Task TheRangesTheSendLeftGoIntoPlaceInTheFinishsOneCall()
    {
        var result = await _transfer.PushAsync();

        Assert.True(result.Published);
        Assert.Equal(["StartTarget", "FinishStage"], _transfer.Gpu.Calls.Where(c => c.Operation != "Connect").Select(c => c.Operation));
        Assert.NotNull(_transfer.Gpu.LastFinish!.Ranges);
        Assert.False(_transfer.Gpu.Exists(To + "/" + RangeRecords.DirectoryName));
    }

    [Fact]
    public async Task AnUnverifiedPushHasTheSendPutItsRangesInPlaceBeforePublishing()
    {
        var result = await _transfer.PushAsync(Options(verify: false));

        Assert.True(result.Published);
        var changes = _transfer.Gpu.Changes.ToList();
        Assert.True(changes.IndexOf("FinishRanges") is var placed and >= 0 && placed < changes.IndexOf("Publish"), string.Join(", ", changes));
        Assert.False(_transfer.Gpu.Exists(To + "/" + RangeRecords.DirectoryName));
    }

    [Fact]
    public async Task WhenTheFinishCannotBeOneCallAfterAllTheRangesGoIntoPlaceBeforeTheStageIsChecked()
    {
        // Read back damaged: the one-call finish is not asked, and the walk checks the stage step by step (re-sending the file).
        _transfer.Transport.ReadsBack = true;
        _transfer.Transport.DamagedOnce.Add("1/model.onnx");

        var result = await _transfer.PushAsync();

        Assert.True(result.Published);
        var changes = _transfer.Gpu.Changes;
        Assert.DoesNotContain("FinishStage", changes);
        Assert.Equal(["StartTarget", "FinishRanges"], changes.Take(2));
        Assert.Equal("weights v2", _transfer.Gpu.Read(To + "/1/model.onnx"));
        Assert.False(_transfer.Gpu.Exists(To + "/" + RangeRecords.DirectoryName));
    }

    public ValueTask DisposeAsync() => _transfer.DisposeAsync();
}

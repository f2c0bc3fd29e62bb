using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Transfer;

namespace ModelSync.Tests.Transfer;

/// <summary>
/// Whether a push opens its streams' connections beside the target's call: only when the target is known to hold
/// nothing to build on. A target outside the naming pattern has no version listing to say so, and its entries are listed instead.
/// </summary>
public sealed class StreamWarmUpChoiceTests
{
    private static readonly Task<BasisLookup.Probe> NoListing = Task.FromResult(BasisLookup.Probe.Nothing);

    [Fact]
    public async Task AnUpdateOfATargetOutsideTheNamingPatternOpensNothingAhead()
    {
        // Before the target was looked at, every update and no-op of such a model opened the connections and waited for their handshakes.
        var server = new MemoryRemote().File("/models/bert-base/model.bin", "weights");

        Assert.False(await StreamStageTransport.NothingToBuildOnAsync(NoListing, new Endpoint(server, "/models/bert-base", "gpu:bert-base"), false, CancellationToken.None));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AMissingOrEmptyTargetOutsideTheNamingPatternOpensAhead(bool emptyDirectory)
    {
        var server = new MemoryRemote();
        if (emptyDirectory) server.Dir("/models/bert-base");

        Assert.True(await StreamStageTransport.NothingToBuildOnAsync(NoListing, new Endpoint(server, "/models/bert-base", "gpu:bert-base"), false, CancellationToken.None));
    }

    [Fact]
    public async Task StreamsAskedForOpenAheadWithoutLookingAtTheTarget()
    {
        var server = new MemoryRemote().File("/models/bert-base/model.bin", "weights");

        Assert.True(await StreamStageTransport.NothingToBuildOnAsync(NoListing, new Endpoint(server, "/models/bert-base", "gpu:bert-base"), true, CancellationToken.None));
    }
}

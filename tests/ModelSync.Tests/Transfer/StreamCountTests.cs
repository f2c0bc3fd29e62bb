using ModelSync.Transfer;

namespace ModelSync.Tests.Transfer;

public sealed class StreamCountTests
{
    private const long MiB = 1024 * 1024;
    private static readonly TimeSpan Wan = TimeSpan.FromMilliseconds(50);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(400_000, 1)] // a small model: rsync alone, no extra connection
    [InlineData(64 * MiB - 1, 1)]
    [InlineData(64 * MiB, 2)]
    [InlineData(157_000_000, 4)] // 20,000 small files
    [InlineData(256 * MiB, 8)]
    [InlineData(1024 * MiB, 8)]
    [InlineData(10_000 * MiB, 8)]
    public void AutomaticallyOneStreamPer32MiBToSendUpToEight(long freshBytes, int streams) =>
        Assert.Equal(streams, StreamCount.Choose(null, freshBytes, compress: false, Wan));

    [Fact]
    public void AskedForStreamsAreTakenWhateverTheSize()
    {
        Assert.Equal(4, StreamCount.Choose(4, 10, compress: false, null));
        Assert.Equal(1, StreamCount.Choose(1, 10_000 * MiB, compress: false, Wan));
        Assert.Equal(3, StreamCount.Choose(3, 10_000 * MiB, compress: true, TimeSpan.Zero));
    }

    [Fact]
    public void CompressionLeavesTheChoiceToRsyncAlone() => Assert.Equal(1, StreamCount.Choose(null, 10_000 * MiB, compress: true, Wan));

    [Theory]
    [InlineData(0.2)] // loopback
    [InlineData(14.9)]
    public void AShortRoundTripKeepsOneStreamHoweverMuchIsSent(double milliseconds) =>
        Assert.Equal(1, StreamCount.Choose(null, 10_000 * MiB, compress: false, TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void AnUnmeasuredRoundTripKeepsOneStream() => Assert.Equal(1, StreamCount.Choose(null, 10_000 * MiB, compress: false, null));

    [Fact]
    public void FromFifteenMillisecondsTheBytesDecide() =>
        Assert.Equal(8, StreamCount.Choose(null, 10_000 * MiB, compress: false, StreamCount.WindowBoundRoundTrip));
}

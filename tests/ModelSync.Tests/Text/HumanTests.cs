using ModelSync.Text;

namespace ModelSync.Tests.Text;

public sealed class HumanTests
{
    [Theory]
    [InlineData(0L, "0B")]
    [InlineData(1L, "1B")]
    [InlineData(999L, "999B")]
    [InlineData(1_000L, "1KB")]
    [InlineData(1_024L, "1.02KB")]
    [InlineData(1_500L, "1.5KB")]
    [InlineData(12_345L, "12.3KB")]
    [InlineData(999_000L, "999KB")]
    [InlineData(999_999L, "1MB")]
    [InlineData(1_000_000L, "1MB")]
    [InlineData(156_000_000L, "156MB")]
    [InlineData(156_400_000L, "156MB")]
    [InlineData(2_100_000_000L, "2.1GB")]
    [InlineData(2_147_483_648L, "2.15GB")]
    [InlineData(1_000_000_000_000L, "1TB")]
    [InlineData(3_500_000_000_000_000L, "3.5PB")]
    [InlineData(long.MaxValue, "9223PB")]
    [InlineData(-1_500L, "-1.5KB")]
    public void BytesUseDecimalUnitsAndThreeSignificantDigits(long bytes, string expected) =>
        Assert.Equal(expected, Human.Bytes(bytes));

    [Theory]
    [InlineData(0.0, "0.00s")]
    [InlineData(0.004, "0.00s")]
    [InlineData(4.2, "4.20s")]
    [InlineData(9.5, "9.50s")]
    [InlineData(12.34, "12.3s")]
    [InlineData(59.9, "59.9s")]
    [InlineData(60.0, "1m00s")]
    [InlineData(75.0, "1m15s")]
    [InlineData(119.9, "1m59s")]
    [InlineData(3_600.0, "60m00s")]
    public void SecondsBelowAMinuteKeepDecimalsAboveShowMinutes(double seconds, string expected) =>
        Assert.Equal(expected, Human.Seconds(seconds));

    [Theory]
    [InlineData(156_000_000L, 1.0, "156MB/s")]
    [InlineData(2_100_000_000L, 20.0, "105MB/s")]
    [InlineData(1_000L, 0.5, "2KB/s")]
    [InlineData(1L, 2.0, "0B/s")]
    [InlineData(0L, 3.0, "0B/s")]
    [InlineData(1_000L, 0.0, "—")]
    [InlineData(1_000L, -1.0, "—")]
    public void RateIsBytesPerSecondOrADashWithoutTime(long bytes, double seconds, string expected) =>
        Assert.Equal(expected, Human.Rate(bytes, seconds));
}

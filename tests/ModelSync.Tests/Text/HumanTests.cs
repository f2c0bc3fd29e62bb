using ModelSync.Text;

namespace ModelSync.Tests.Text;

public sealed class HumanTests
{
    [Theory]
    [InlineData(0L, "0B")]
    [InlineData(1L, "1B")]
    [InlineData(999L, "999B")]
    [InlineData(1_000L, "1000B")]
    [InlineData(1_023L, "1023B")]
    [InlineData(1_024L, "1KiB")]
    [InlineData(1_536L, "1.5KiB")]
    [InlineData(12_345L, "12.1KiB")]
    [InlineData(1_000_000L, "977KiB")]
    [InlineData(1_030_000L, "0.98MiB")]
    [InlineData(1_048_576L, "1MiB")]
    [InlineData(156_000_000L, "149MiB")]
    [InlineData(2_147_483_648L, "2GiB")]
    [InlineData(1_099_511_627_776L, "1TiB")]
    [InlineData(3_940_649_673_949_184L, "3.5PiB")]
    [InlineData(long.MaxValue, "8192PiB")]
    [InlineData(-1_536L, "-1.5KiB")]
    public void BytesUseBinaryUnitsWithTheirIecNamesAndThreeSignificantDigits(long bytes, string expected) =>
        Assert.Equal(expected, Human.Bytes(bytes));

    [Fact]
    public void BytesMatchDfHumanReadableForTheSameFreeSpace()
    {
        // 77,594,624 KiB free as df -k counts it: df -h shows 74G, decimal units showed 79.5GB.
        Assert.Equal("74GiB", Human.Bytes(77_594_624L * 1024));
    }

    [Theory]
    [InlineData(0L, "model", null, "0 models")]
    [InlineData(1L, "model", null, "1 model")]
    [InlineData(2L, "model", null, "2 models")]
    [InlineData(1L, "entry", "entries", "1 entry")]
    [InlineData(3L, "entry", "entries", "3 entries")]
    [InlineData(12_345L, "file", null, "12345 files")]
    public void CountTakesTheSingularForOneAndThePluralOtherwise(long count, string noun, string? plural, string expected) =>
        Assert.Equal(expected, Human.Count(count, noun, plural));

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
    [InlineData(156_000_000L, 1.0, "149MiB/s")]
    [InlineData(2_147_483_648L, 20.0, "102MiB/s")]
    [InlineData(1_024L, 0.5, "2KiB/s")]
    [InlineData(1L, 2.0, "0B/s")]
    [InlineData(0L, 3.0, "0B/s")]
    [InlineData(1_000L, 0.0, "—")]
    [InlineData(1_000L, -1.0, "—")]
    public void RateIsBytesPerSecondOrADashWithoutTime(long bytes, double seconds, string expected) =>
        Assert.Equal(expected, Human.Rate(bytes, seconds));
}

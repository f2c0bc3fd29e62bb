using ModelSync.Manifests;

namespace ModelSync.Tests.Manifests;

public sealed class MtimesTests
{
    [Theory]
    [InlineData("1700000000.1234567890", 123456)]
    [InlineData("1700000000.5", 500000)]
    [InlineData("1700000000.0000000000", 0)]
    [InlineData("1700000000", 0)]
    [InlineData("", 0)]
    [InlineData("1700000000.", 0)]
    public void MicrosecondsAreTheFirstSixDigitsBelowTheSecond(string exact, int microseconds) =>
        Assert.Equal(microseconds, Mtimes.Microseconds(exact));

    [Theory]
    [InlineData(10, 5, 10, 5, true)]
    [InlineData(10, 5, 10, 6, false)]
    [InlineData(10, 0, 10, 6, true)]
    [InlineData(10, 5, 10, 0, true)]
    [InlineData(10, 5, 11, 5, false)]
    [InlineData(10, 0, 11, 0, false)]
    public void BelowTheSecondCountsOnlyWhereBothSidesKeepIt(long s1, int us1, long s2, int us2, bool same) =>
        Assert.Equal(same, Mtimes.Same(s1, us1, s2, us2));

    /// <summary>A record taken at 1700000000.5 (UTC).</summary>
    [Theory]
    [InlineData(1_699_999_999, true)]
    [InlineData(1_700_000_000, false)]
    [InlineData(1_700_000_001, false)]
    public void ARecordVouchesOnlyForFilesWrittenBeforeTheSecondItWasTakenIn(long mtimeSeconds, bool settled) =>
        Assert.Equal(settled, Mtimes.Settled(mtimeSeconds, DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500)));
}

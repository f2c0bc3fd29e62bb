using ModelSync.Remotes;
using ModelSync.Transfer;

namespace ModelSync.Tests.Transfer;

public sealed class RangeLayoutTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(0, false)]
    [InlineData(32 * MiB - 1, false)]
    [InlineData(32 * MiB, true)]
    public void FilesFrom32MiBAreSplit(long size, bool splits) => Assert.Equal(splits, RangeLayout.Default.Splits(size));

    [Theory]
    [InlineData(32 * MiB, 8 * MiB)] // never smaller than 8 MiB
    [InlineData(56 * MiB, 8 * MiB)]
    [InlineData(64 * MiB, 8 * MiB)]
    [InlineData(200 * MiB, 25 * MiB)]
    [InlineData(1024 * MiB, 128 * MiB)] // eight ranges a file
    [InlineData(1024 * MiB + 1, 129 * MiB)] // whole MiB
    [InlineData(10_000 * MiB, 256 * MiB)] // never larger than 256 MiB
    public void RangesAreAnEighthOfTheFileInWholeMiBBetween8And256MiB(long size, long range) =>
        Assert.Equal(range, RangeLayout.Default.RangeSize(size));

    [Fact]
    public void RangesCoverTheFileInWholeBlocksAndOnlyTheLastRunsToTheEnd()
    {
        var ranges = new RangeLayout(1, 2 * MiB).Ranges(5 * MiB + 3).ToList();

        Assert.Equal([new ByteRange(0, 2 * MiB, false), new ByteRange(2 * MiB, 2 * MiB, false), new ByteRange(4 * MiB, MiB + 3, true)], ranges);
    }

    [Fact]
    public void AFileOfWholeRangesEndsWithAFullLastRange() =>
        Assert.Equal([new ByteRange(0, MiB, false), new ByteRange(MiB, MiB, true)], new RangeLayout(1, MiB).Ranges(2 * MiB));

    [Fact]
    public void AFileSmallerThanABlockIsOneLastRange() =>
        Assert.Equal([new ByteRange(0, 10, true)], new RangeLayout(1, MiB).Ranges(10));
}

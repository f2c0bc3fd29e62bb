using ModelSync.Transfer;

namespace ModelSync.Tests.Transfer;

public sealed class ThrottledProgressTests
{
    private static string Line(long bytes, int percent) => $"  {bytes:N0}  {percent}%  10.00MB/s    0:00:01 (xfr#1, to-chk=1/2)";

    [Fact]
    public void ABurstOfUpdatesHandsOnTheFirstAndTheLast()
    {
        var seen = new List<RsyncProgress>();
        var progress = new ThrottledProgress(seen.Add);
        for (var i = 1; i <= 1000; i++) progress.Offer(Line(i * 1000, i / 10));
        progress.Flush();
        Assert.InRange(seen.Count, 2, 999);
        Assert.Equal(1000L, seen[0].Bytes);
        Assert.Equal(1_000_000L, seen[^1].Bytes);
        Assert.Equal(100, seen[^1].Percent);
    }

    [Fact]
    public void UpdatesFurtherApartThanTheIntervalAreAllHandedOn()
    {
        var seen = new List<RsyncProgress>();
        var progress = new ThrottledProgress(seen.Add);
        for (var i = 1; i <= 3; i++)
        {
            progress.Offer(Line(i, i));
            Thread.Sleep(ThrottledProgress.Every * 2);
        }
        progress.Flush();
        Assert.Equal([1L, 2L, 3L], seen.Select(s => s.Bytes));
    }

    [Fact]
    public void ALineThatOnlyLooksLikeAnUpdateDoesNotDropTheLastOneHeldBack()
    {
        var seen = new List<RsyncProgress>();
        var progress = new ThrottledProgress(seen.Add);
        progress.Offer(Line(1, 1));
        progress.Offer(Line(2, 100));
        Thread.Sleep(ThrottledProgress.Every * 2);
        const string NotAnUpdate = "7 files, 100% done";
        Assert.True(RsyncOutput.LooksLikeProgress(NotAnUpdate));
        progress.Offer(NotAnUpdate);
        progress.Flush();
        Assert.Equal([1L, 2L], seen.Select(s => s.Bytes));
    }
}

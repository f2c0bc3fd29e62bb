using ModelSync.Operations;
using ModelSync.Publishing;
using ModelSync.Remotes;
using ModelSync.Reporting;
using ModelSync.Versioning;

namespace ModelSync.Tests.Reporting;

/// <summary>The left-behind list of <c>list</c>: cut like every other list, whole with <c>--files</c>.</summary>
public sealed class LeftBehindReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static readonly LeftBehind[] ThirtyFive = [.. Enumerable.Range(0, 35).Select(i =>
        new LeftBehind(LeftBehindKind.Lock, $"RTX3090_N2501_ASR_2501{i:00}", 0, Now.AddHours(-2), new LockHolder("gpu-7", 100 + i, "then", "model-sync push ./m reaper", "t")))];

    private static ListResult Result => new("reaper", "/m", new ListQuery(), NamingPattern.Default, []) { LeftBehind = ThirtyFive };

    private static string Markdown(ListBound bound)
    {
        using var writer = new StringWriter();
        ListReport.Write(writer, Result, bound);
        return writer.ToString();
    }

    [Fact]
    public void AFewAreListedThenCountedAndFilesListsThemAll()
    {
        var bounded = Markdown(ListBound.Bounded).Split('\n');
        var all = Markdown(ListBound.Everything).Split('\n');

        Assert.Equal(ListBound.MaxListed, bounded.Count(l => l.StartsWith("- lock on ", StringComparison.Ordinal)));
        Assert.Contains("- … and 5 more (--files lists every one)", bounded);
        Assert.Equal(35, all.Count(l => l.StartsWith("- lock on ", StringComparison.Ordinal)));
        Assert.DoesNotContain(all, l => l.Contains("more", StringComparison.Ordinal));
    }

    [Fact]
    public void JsonCarriesTheFirstTenAndSaysHowManyThereAre()
    {
        var bounded = ListReport.Json(Result, ListBound.Bounded);
        var all = ListReport.Json(Result, ListBound.Everything);

        Assert.Equal((ListBound.MaxListedInJson, 35, true), (bounded.LeftBehind.Count, bounded.LeftBehindTotal, bounded.LeftBehindTruncated));
        Assert.Equal((35, 35, false), (all.LeftBehind.Count, all.LeftBehindTotal, all.LeftBehindTruncated));
    }
}

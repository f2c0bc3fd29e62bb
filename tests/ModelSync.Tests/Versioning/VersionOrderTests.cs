using ModelSync.Versioning;
using static ModelSync.Tests.Versioning.Versions;

namespace ModelSync.Tests.Versioning;

public sealed class VersionOrderTests
{
    [Theory]
    [InlineData("250715", "250820")]
    [InlineData("99999", "250715")]
    [InlineData("N2412", "N2501")]
    [InlineData("n2412", "N2501")]
    [InlineData("v9", "v10")]
    [InlineData("v1.9", "v1.10")]
    [InlineData("A2501", "B2401")]
    [InlineData(null, "250101")]
    [InlineData("abc", "abd")]
    [InlineData("1", "a")]
    [InlineData("v1", "v1a")]
    public void NaturalOrderPutsTheFirstBeforeTheSecond(string? older, string? newer)
    {
        Assert.True(VersionOrder.Natural(older, newer) < 0, $"{older} should be before {newer}");
        Assert.True(VersionOrder.Natural(newer, older) > 0, $"{newer} should be after {older}");
    }

    [Theory]
    [InlineData("250715")]
    [InlineData("N2501")]
    [InlineData(null)]
    public void NaturalOrderOfEqualValuesIsZero(string? value) => Assert.Equal(0, VersionOrder.Natural(value, value));

    [Theory]
    [InlineData("010", "10")]
    [InlineData("n2501", "N2501")]
    [InlineData("RC1", "rc01")]
    public void CaseAndLeadingZerosDoNotMakeADifference(string a, string b)
    {
        Assert.Equal(0, VersionOrder.Natural(a, b));
        Assert.True(VersionOrder.Natural("010", "9") > 0);
    }

    [Fact]
    public void DateInAnotherCaseIsTheSameDateSoModifiedTimeDecides()
    {
        var older = Entry("RTX3090_N2501_ASR_250901", seconds: 0);
        var newer = Entry("rtx4090_n2501_asr_250901", seconds: 60);

        Assert.True(VersionOrder.Compare(older, newer) < 0);
    }

    [Fact]
    public void VersionDecidesBeforeDateAndModifiedTime()
    {
        var older = Entry("RTX3090_N2512_ASR_250820", seconds: 900);
        var newer = Entry("RTX3090_N2501_ASR_250901", seconds: 0);

        Assert.True(VersionOrder.Compare(older, newer) < 0);
    }

    [Fact]
    public void DateDecidesBetweenEqualVersions()
    {
        var older = Entry("RTX3090_N2412_ASR_250820", seconds: 900);
        var newer = Entry("RTX3090_N2501_ASR_250820", seconds: 0);

        Assert.True(VersionOrder.Compare(older, newer) < 0);
    }

    [Fact]
    public void ModifiedTimeDecidesBetweenEqualVersionAndDate()
    {
        var older = Entry("RTX4090_N2501_ASR_250820", seconds: 0);
        var newer = Entry("A100_N2501_ASR_250820", seconds: 60);

        Assert.True(VersionOrder.Compare(older, newer) < 0);
    }

    [Fact]
    public void NameBreaksAFullTieSoTheOrderIsTotal()
    {
        var a = Entry("A100_N2501_ASR_250820", seconds: 60);
        var b = Entry("B100_N2501_ASR_250820", seconds: 60);

        Assert.True(VersionOrder.Compare(a, b) < 0);
        Assert.Equal(0, VersionOrder.Compare(a, a));
    }

    [Fact]
    public void NewestFirstSortsAWholeList()
    {
        string[] newestFirst =
        [
            "RTX3090_N2501_ASR_251001",
            "RTX3090_N2502_ASR_250820",
            "A100_N2501_ASR_250820",
            "RTX3090_N2501_ASR_250820",
            "RTX3090_N2412_ASR_250820",
            "RTX3090_N2501_ASR_240101",
        ];
        var entries = new[]
        {
            Entry(newestFirst[3], seconds: 10), Entry(newestFirst[5], seconds: 999), Entry(newestFirst[1]),
            Entry(newestFirst[4], seconds: 500), Entry(newestFirst[0]), Entry(newestFirst[2], seconds: 20),
        };

        Assert.Equal(newestFirst, entries.Order(VersionOrder.NewestFirst).Select(e => e.Name));
        Assert.Equal(newestFirst.Reverse(), entries.Order(VersionOrder.OldestFirst).Select(e => e.Name));
    }
}

using ModelSync.Reporting;
using ModelSync.Transfer;

namespace ModelSync.Tests.Reporting;

public sealed class BasisReportTests
{
    private static readonly BasisUse Found = new("RTX3090_N2501_ASR_250715", "/models/RTX3090_N2501_ASR_250715", false, 125_829_120, 12);

    [Fact]
    public void TheResultRowNamesTheBasisWhyItWasChosenAndWhatItSaved() =>
        Assert.Equal("RTX3090_N2501_ASR_250715 (newest other version of the model): 120MiB not sent; 12 files unchanged there, hard-linked", BasisReport.Row(Found));

    [Fact]
    public void TheDryRunLineSaysWhatWouldBeLinkedAndANamedBasisSaysSo() =>
        Assert.Equal("Basis: RTX3090_N2501_ASR_250715 (--basis): 1 file (120MiB) unchanged there would be hard-linked, not sent; changed files go as deltas against theirs.",
            BasisReport.PlanLine(Found with { Named = true, FilesUnchanged = 1 }));

    [Fact]
    public void TheJsonRecordCarriesExactBytesAndNoneIsNull()
    {
        var json = BasisReport.Json(Found)!;

        Assert.Equal((Found.Name, Found.Path, false, 125_829_120L, 12), (json.Name, json.Path, json.Named, json.BytesSaved, json.FilesUnchanged));
        Assert.Null(BasisReport.Json(null));
    }

    [Fact]
    public void AHostileBasisNameIsShownEscaped() =>
        Assert.StartsWith("v\\x1b[31m (", BasisReport.Row(Found with { Name = "v\u001b[31m" }), StringComparison.Ordinal);
}

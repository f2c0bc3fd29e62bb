using ModelSync.Operations;
using ModelSync.Reporting;

namespace ModelSync.Tests.Reporting;

public sealed class VerifyReportTests
{
    private static readonly VerifyResult Compared = new("m", "./m", "reaper:/m/m", "local copy", 3, 3, []) { Server = "reaper", LocalHashedNow = 3 };

    [Fact]
    public void ReadNowCountsBothSides() => Assert.Equal("3 files here, 3 on reaper", VerifyReport.ReadNow(Compared));

    [Fact]
    public void ReadNowWithoutALocalCopyCountsTheServer() =>
        Assert.Equal("1 file on reaper", VerifyReport.ReadNow(Compared with { Local = null, LocalHashedNow = null, HashedNow = 1 }));

    [Fact]
    public void TheMarkdownSaysWhatWasTrustedAndWhatThatCannotSee()
    {
        var writer = new StringWriter();
        VerifyReport.Write(writer, Compared with { HashedNow = 1, LocalHashedNow = 0, Trusted = new TrustedHashes(3, 2) });

        Assert.Contains("Read now: 0 files here, 1 on reaper\n", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("Trusted (--trust-hashes): 3 hashes from this machine's hash cache, 2 from the manifest on reaper; a change that kept size and mtime does not show",
            writer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AFailedVerifyEndsWithTheRepairAndSaysWhereToRunIt()
    {
        var finding = new VerifyFinding("a", "content differs (sha256)", 1, 1);
        var writer = new StringWriter();
        VerifyReport.Write(writer, Compared with { Findings = [finding], Repair = VerifyRepair.For("/src/m", "reaper:m", [finding], false, on: "laptop") });

        Assert.EndsWith("To repair, on laptop (where the manifest says the copy came from): `model-sync push /src/m reaper:m --checksum`\n",
            writer.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}

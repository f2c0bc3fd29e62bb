using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Reporting;

namespace ModelSync.Tests.Reporting;

public sealed class FleetVerifyReportTests
{
    private static readonly VerifyFinding Differs = new("1/model.onnx", "content differs (sha256)", 10, 10);

    private static TargetOutcome<VerifyResult> Checked(string server, params VerifyFinding[] findings) =>
        new(new RemoteSpec(server, null), new VerifyResult("m", "./m", $"{server}:/b/m", "local copy", 3, 3, findings)
        {
            Server = server,
            LocalHashedNow = 3,
            Repair = VerifyRepair.For("./m", server, findings, outsideBase: false),
        }, null, 1);

    private static string Markdown(params TargetOutcome<VerifyResult>[] outcomes)
    {
        var writer = new StringWriter();
        FleetVerifyReport.Write(writer, "./m", outcomes);
        return writer.ToString().ReplaceLineEndings("\n");
    }

    [Fact]
    public void EveryServerThatDidNotVerifyIsRepairedByOnePush()
    {
        var text = Markdown(Checked("s1", Differs), Checked("s2"), Checked("s3", Differs));

        Assert.Contains("| s2 | s2:/b/m | 3 | 3 | 0 | OK |", text, StringComparison.Ordinal);
        Assert.Contains("| s3 | s3:/b/m | 3 | 3 | 1 | FAILED — 1 problem |", text, StringComparison.Ordinal);
        Assert.Contains("- s1: 1/model.onnx: content differs (sha256)\n", text, StringComparison.Ordinal);
        Assert.Contains("To repair: `model-sync push ./m s1 s3 --checksum`\nResult: FAILED — 2 of 3 servers did not verify\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AServerNotReachedIsCountedApartAndNamesItsError()
    {
        var gone = new TargetOutcome<VerifyResult>(new RemoteSpec("gone", null), null, new TargetFailure(1, "cannot reach gone", "check it"), 1);

        var text = Markdown(Checked("s1"), gone);

        Assert.Contains("| gone | gone | — | — | — | FAILED (exit 1) |", text, StringComparison.Ordinal);
        Assert.Contains("- gone: cannot reach gone — check it\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Result: FAILED — 0 of 2 servers did not verify, 1 not checked\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyProblemsOnOneServerAreCountedNotListed()
    {
        var findings = Enumerable.Range(0, FleetVerifyReport.ProblemsShown + 3).Select(i => Differs with { Path = $"f{i}" }).ToArray();

        var text = Markdown(Checked("s1", findings));

        Assert.Equal(FleetVerifyReport.ProblemsShown, text.Split('\n').Count(l => l.StartsWith("- s1: f", StringComparison.Ordinal)));
        Assert.Contains("- s1: and 3 more\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AllVerifiedSaysSo() => Assert.EndsWith("Result: OK — every file matches on all 2 servers\n", Markdown(Checked("s1"), Checked("s2")), StringComparison.Ordinal);
}

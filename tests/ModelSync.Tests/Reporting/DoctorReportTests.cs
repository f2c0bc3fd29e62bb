using System.Text.Json;
using ModelSync.Doctor;
using ModelSync.Reporting;

namespace ModelSync.Tests.Reporting;

public sealed class DoctorReportTests
{
    private static readonly DoctorResult Healthy = new(
    [
        DoctorStep.Config.Ok(null, "none: built-in local alias only"),
        DoctorStep.Dns.Ok("alpha", "127.0.0.1 is an IP address"),
        DoctorStep.ShellTime.Warn("alpha", "0.51s per remote command", "speed up ~/.bashrc"),
    ]);

    private static readonly DoctorResult Broken = new(
    [
        DoctorStep.Config.Ok(null, "/c.yaml (2 aliases: alpha, local)"),
        DoctorStep.Tcp.Fail("alpha", "127.0.0.1:1 refused the connection", "check port: | sshd"),
        DoctorStep.HostKey.Skip("alpha", "needs TCP port"),
    ]);

    [Fact]
    public void RowsNameTheAliasPrefixTheStatusAndDashAMissingFix()
    {
        Assert.Equal(["config", "ok: none: built-in local alias only", "—"], DoctorReport.Row(Healthy.Checks[0]));
        Assert.Equal(["alpha: remote command time", "warning: 0.51s per remote command", "speed up ~/.bashrc"], DoctorReport.Row(Healthy.Checks[2]));
        Assert.Equal(["alpha: TCP port", "failed: 127.0.0.1:1 refused the connection", "check port: | sshd"], DoctorReport.Row(Broken.Checks[1]));
        Assert.Equal(["alpha: host key", "skipped: needs TCP port", "—"], DoctorReport.Row(Broken.Checks[2]));
    }

    [Fact]
    public void MarkdownIsOneTableAndASummary()
    {
        using var writer = new StringWriter();
        DoctorReport.Write(writer, Broken);
        Assert.Equal("""
            ## Doctor

            | Check | Result | Fix |
            |---|---|---|
            | config | ok: /c.yaml (2 aliases: alpha, local) | — |
            | alpha: TCP port | failed: 127.0.0.1:1 refused the connection | check port: \| sshd |
            | alpha: host key | skipped: needs TCP port | — |

            1 of 3 checks failed (1 not checked): alpha: TCP port. Apply each fix in order (a failure hides the checks after it), then run `model-sync doctor` again.

            """.ReplaceLineEndings("\n"), writer.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public void SummaryOfAPassListsTheWarnings()
    {
        Assert.Equal("All 3 checks passed; 1 warning: alpha: remote command time.", DoctorReport.Summary(Healthy));
        Assert.Equal("All 1 checks passed.", DoctorReport.Summary(new DoctorResult([Healthy.Checks[0]])));
    }

    [Fact]
    public void JsonHasOkAndOneEntryPerCheck()
    {
        using var writer = new StringWriter();
        JsonOutput.Write(writer, DoctorReport.Json(Broken));
        using var doc = JsonDocument.Parse(writer.ToString());
        Assert.False(doc.RootElement.GetProperty("ok").GetBoolean());
        var checks = doc.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(3, checks.Count);
        Assert.Equal(JsonValueKind.Null, checks[0].GetProperty("server").ValueKind);
        Assert.Equal(JsonValueKind.Null, checks[0].GetProperty("fix").ValueKind);
        var tcp = checks[1];
        Assert.Equal("tcp", tcp.GetProperty("name").GetString());
        Assert.Equal("alpha", tcp.GetProperty("server").GetString());
        Assert.False(tcp.GetProperty("ok").GetBoolean());
        Assert.Equal("failed", tcp.GetProperty("status").GetString());
        Assert.Equal("127.0.0.1:1 refused the connection", tcp.GetProperty("result").GetString());
        Assert.Equal("check port: | sshd", tcp.GetProperty("fix").GetString());
        Assert.Equal("skipped", checks[2].GetProperty("status").GetString());
        Assert.False(checks[2].GetProperty("ok").GetBoolean());

        using var passing = new StringWriter();
        JsonOutput.Write(passing, DoctorReport.Json(Healthy));
        using var ok = JsonDocument.Parse(passing.ToString());
        Assert.True(ok.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("warning", ok.RootElement.GetProperty("checks")[2].GetProperty("status").GetString());
        Assert.True(ok.RootElement.GetProperty("checks")[2].GetProperty("ok").GetBoolean());
    }
}

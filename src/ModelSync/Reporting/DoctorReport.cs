using System.Globalization;
using ModelSync.Doctor;
using ModelSync.Reporting.Json;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>doctor</c>: one row per check (Check, Result, Fix), then a summary line.</summary>
public static class DoctorReport
{
    public static void Write(TextWriter writer, DoctorResult result)
    {
        writer.WriteLine("## Doctor");
        writer.WriteLine();
        var table = new MarkdownTable("Check", "Result", "Fix");
        foreach (var check in result.Checks) table.Add(Row(check));
        table.WriteTo(writer);
        writer.WriteLine();
        writer.WriteLine(Summary(result));
    }

    /// <summary><c>alpha: DNS</c> · <c>ok: 127.0.0.1 is an IP address</c> · <c>—</c>.</summary>
    public static string[] Row(DoctorCheck check) =>
        [CheckCell(check), $"{StatusWord(check.Status)}: {check.Result}", check.Fix ?? "—"];

    public static string CheckCell(DoctorCheck check) => check.Server is null ? check.Step.Label : $"{check.Server}: {check.Step.Label}";

    public static string StatusWord(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "ok",
        CheckStatus.Warning => "warning",
        CheckStatus.Failed => "failed",
        _ => "skipped",
    };

    public static string Summary(DoctorResult result)
    {
        var total = result.Checks.Count.ToString(CultureInfo.InvariantCulture);
        var warnings = result.Checks.Where(c => c.Status == CheckStatus.Warning).Select(CheckCell).ToList();
        var failed = result.Checks.Where(c => c.Status == CheckStatus.Failed).Select(CheckCell).ToList();
        var skipped = result.Checks.Count(c => c.Status == CheckStatus.Skipped);
        var warned = warnings.Count == 0 ? "" : $"; {Count(warnings.Count, "warning")}: {string.Join(", ", warnings)}";
        if (result.Ok) return $"All {total} checks passed{warned}.";
        var notChecked = skipped == 0 ? "" : $" ({skipped.ToString(CultureInfo.InvariantCulture)} not checked)";
        return $"{failed.Count.ToString(CultureInfo.InvariantCulture)} of {total} checks failed{notChecked}: {string.Join(", ", failed)}{warned}. " +
            $"Apply each fix in order (a failure hides the checks after it), then run `{ToolName.Command} doctor` again.";
    }

    private static string Count(int n, string noun) => $"{n.ToString(CultureInfo.InvariantCulture)} {noun}{(n == 1 ? "" : "s")}";

    public static DoctorJson Json(DoctorResult result) => new()
    {
        Ok = result.Ok,
        Checks = [.. result.Checks.Select(c => new DoctorCheckJson
        {
            Name = c.Step.Name,
            Server = c.Server,
            Ok = c.Passed,
            Status = c.Status,
            Result = c.Result,
            Fix = c.Fix,
        })],
    };
}

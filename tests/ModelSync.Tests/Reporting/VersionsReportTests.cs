using System.Text.Json;
using ModelSync.Operations;
using ModelSync.Reporting;
using ModelSync.Versioning;

namespace ModelSync.Tests.Reporting;

public sealed class VersionsReportTests
{
    private static readonly DateTimeOffset Time = new(2025, 9, 1, 10, 0, 0, TimeSpan.Zero);

    private static VersionsResult Result()
    {
        var catalog = new ModelCatalog(
            [
                new ModelInfo("RTX3090_N2501_ASR_250820", 1_024, 2, Time),
                new ModelInfo("A100_N2412_ASR_250901", 2_560, 2, Time.AddDays(-3)),
                new ModelInfo("RTX3090_N2501_LANGDETECTOR_250715", 9, 1, Time),
            ],
            NamingPattern.Default);
        return new VersionsResult("reaper", "/m", "ASR", catalog.Pattern, catalog.VersionsOf("asr"));
    }

    [Fact]
    public void MarkdownListsVersionsNewestFirstWithFieldsSizeAndTotal()
    {
        using var writer = new StringWriter();

        VersionsReport.Write(writer, Result());

        var text = writer.ToString();
        Assert.Contains("## Versions of ASR on reaper\nModel base: /m\n", text, StringComparison.Ordinal);
        var rows = text.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
        Assert.Equal("| Name | GPU | Date | Version | Size | Modified |", rows[0]);
        Assert.StartsWith("| A100_N2412_ASR_250901 | A100 | N2412 | 250901 | 2.5KiB | ", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("| RTX3090_N2501_ASR_250820 | RTX3090 | N2501 | 250820 | 1KiB | ", rows[2], StringComparison.Ordinal);
        Assert.Contains("Total: 2 versions, 3.5KiB. Latest: A100_N2412_ASR_250901", text, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonHasVersionsWithFieldsAndTheLatest()
    {
        using var doc = JsonDocument.Parse(JsonOutput.Text(VersionsReport.Json(Result())));

        var root = doc.RootElement;
        Assert.Equal("A100_N2412_ASR_250901", root.GetProperty("latest").GetString());
        Assert.Equal(2, root.GetProperty("total_versions").GetInt32());
        Assert.Equal(3_584, root.GetProperty("total_bytes").GetInt64());
        var first = root.GetProperty("versions")[0];
        Assert.Equal("N2412", first.GetProperty("fields").GetProperty("date").GetString());
        Assert.Equal(2_560, first.GetProperty("bytes").GetInt64());
    }

    [Fact]
    public void NameOutputIsTheNameAloneAndJsonHasTheFields()
    {
        var name = NamingPattern.Default.Parse("RTX3090_N2501_LANGDETECTOR_MMS_251030")!;
        using var writer = new StringWriter();

        NameReport.Write(writer, name);

        Assert.Equal("RTX3090_N2501_LANGDETECTOR_MMS_251030" + Environment.NewLine, writer.ToString());
        using var doc = JsonDocument.Parse(JsonOutput.Text(NameReport.Json(name, NamingPattern.Default)));
        Assert.Equal("LANGDETECTOR_MMS", doc.RootElement.GetProperty("fields").GetProperty("model").GetString());
        Assert.Null(NameReport.FieldsOrNull(null));
    }
}

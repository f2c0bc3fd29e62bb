using System.Text.Json;
using ModelSync.Operations;
using ModelSync.Reporting;
using ModelSync.Versioning;

namespace ModelSync.Tests.Reporting;

public sealed class ListReportTests
{
    private static readonly DateTimeOffset Time = new(2025, 8, 20, 10, 0, 0, TimeSpan.Zero);

    private static VersionedModel Entry(string name, long bytes, NamingPattern? pattern = null) =>
        new(new ModelInfo(name, bytes, 2, Time), (pattern ?? NamingPattern.Default).Parse(name));

    private static string Markdown(ListResult result)
    {
        using var writer = new StringWriter();
        ListReport.Write(writer, result);
        return writer.ToString();
    }

    [Fact]
    public void TotalOfOneModelIsSingular()
    {
        var text = Markdown(new ListResult("reaper", "/m", new ListQuery(), NamingPattern.Default, [Entry("langdetector-v1", 2048)]));

        Assert.Contains("Total: 1 model, 2KiB", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ConformingNamesShowTheirFieldsAndTheOthersAreMarked()
    {
        var result = new ListResult("reaper", "/m", new ListQuery(), NamingPattern.Default,
            [Entry("RTX3090_N2501_LANGDETECTOR_MMS_251030", 407 * 1024), Entry("langdetector-v1", 1024)]);

        var text = Markdown(result);

        Assert.Contains("| Name | GPU | Model | Version | Size | Modified |", text, StringComparison.Ordinal);
        Assert.Contains("| RTX3090_N2501_LANGDETECTOR_MMS_251030 | RTX3090 | LANGDETECTOR_MMS | 251030 | 407KiB |", text, StringComparison.Ordinal);
        Assert.Contains("| langdetector-v1 | — | — | — | 1KiB |", text, StringComparison.Ordinal);
        Assert.Contains("Total: 2 models, 408KiB", text, StringComparison.Ordinal);
        Assert.Contains("Note: 1 name (shown with —) does not follow {GPU}_{DATE}_{MODEL}_{VERSION}: langdetector-v1", text, StringComparison.Ordinal);
    }

    [Fact]
    public void AllConformingHasNoNote() =>
        Assert.DoesNotContain("Note:", Markdown(new ListResult("r", "/m", new ListQuery(), NamingPattern.Default, [Entry("RTX3090_N2501_ASR_250820", 1)])),
            StringComparison.Ordinal);

    [Fact]
    public void ColumnsFollowThePattern()
    {
        var pattern = NamingPattern.Create("{MODEL}_{DATE}");

        var text = Markdown(new ListResult("r", "/m", new ListQuery(), pattern, [Entry("ASR_N2501", 1, pattern)]));

        Assert.Contains("| Name | Model | Size | Modified |", text, StringComparison.Ordinal);
        Assert.Contains("| ASR_N2501 | ASR | 1B |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void QueryIsShownAndAnEmptyResultSaysWhatDidNotMatch()
    {
        var text = Markdown(new ListResult("r", "/m", new ListQuery("RTX*", "ASR", true), NamingPattern.Default, []));

        Assert.Contains("Model base: /m (filter: RTX*) (model: ASR) (latest version of each model)", text, StringComparison.Ordinal);
        Assert.Contains("No model matches 'RTX*' and model ASR.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonCarriesFieldsAndConforms()
    {
        var result = new ListResult("r", "/m", new ListQuery(Model: "ASR"), NamingPattern.Default,
            [Entry("RTX3090_N2501_ASR_250820", 5), Entry("model.onnx", 7)]);

        using var doc = JsonDocument.Parse(JsonOutput.Text(ListReport.Json(result)));

        var root = doc.RootElement;
        Assert.Equal("ASR", root.GetProperty("model").GetString());
        Assert.False(root.GetProperty("latest").GetBoolean());
        Assert.Equal("{GPU}_{DATE}_{MODEL}_{VERSION}", root.GetProperty("pattern").GetString());
        var models = root.GetProperty("models").EnumerateArray().ToList();
        Assert.True(models[0].GetProperty("conforms").GetBoolean());
        var fields = models[0].GetProperty("fields");
        Assert.Equal(("RTX3090", "N2501", "ASR", "250820"),
            (fields.GetProperty("gpu").GetString(), fields.GetProperty("date").GetString(), fields.GetProperty("model").GetString(), fields.GetProperty("version").GetString()));
        Assert.False(models[1].GetProperty("conforms").GetBoolean());
        Assert.Equal(JsonValueKind.Null, models[1].GetProperty("fields").ValueKind);
        Assert.Equal(12, root.GetProperty("total_bytes").GetInt64());
    }
}

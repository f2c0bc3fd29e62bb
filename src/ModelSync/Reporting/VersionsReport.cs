using System.Text.Json.Nodes;
using ModelSync.Operations;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>versions</c>.</summary>
public static class VersionsReport
{
    public static void Write(TextWriter writer, VersionsResult result)
    {
        writer.WriteLine($"## Versions of {Printable.Name(result.Model)} on {result.Server}");
        writer.WriteLine($"Model base: {Printable.Name(result.ModelBase)}");
        writer.WriteLine();
        var table = new MarkdownTable("Name", "GPU", "Date", "Version", "Size", "Modified");
        foreach (var v in result.Versions)
            table.Add(v.Name, v.Parsed?.Gpu ?? "—", v.Parsed?.Date ?? "—", v.Parsed?.Version ?? "—", Human.Bytes(v.Info.Bytes), Human.Time(v.Info.Modified));
        table.WriteTo(writer);
        writer.WriteLine();
        var count = result.Versions.Count;
        writer.WriteLine($"Total: {Human.Count(count, "version")}, {Human.Bytes(result.TotalBytes)}. Latest: {Printable.Name(result.Versions[0].Name)}");
    }

    public static JsonObject Json(VersionsResult r) => new()
    {
        ["server"] = r.Server,
        ["model_base"] = r.ModelBase,
        ["model"] = r.Model,
        ["pattern"] = r.Pattern.Template,
        ["latest"] = r.Versions[0].Name,
        ["versions"] = JsonOutput.Array(r.Versions, v => new JsonObject
        {
            ["name"] = v.Name,
            ["fields"] = NameReport.Fields(v.Parsed),
            ["bytes"] = v.Info.Bytes,
            ["files"] = v.Info.Files,
            ["modified"] = v.Info.Modified,
        }),
        ["total_versions"] = r.Versions.Count,
        ["total_bytes"] = r.TotalBytes,
    };
}

using ModelSync.Operations;
using ModelSync.Reporting.Json;
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

    public static VersionsJson Json(VersionsResult r) => new()
    {
        Server = r.Server,
        ModelBase = r.ModelBase,
        Model = r.Model,
        Pattern = r.Pattern.Template,
        Latest = r.Versions[0].Name,
        Versions = [.. r.Versions.Select(v => new VersionJson
        {
            Name = v.Name,
            // A version is one by its parsed name (its MODEL field), so it always has one.
            Fields = NameReport.Fields(v.Parsed!),
            Bytes = v.Info.Bytes,
            Files = v.Info.Files,
            Modified = v.Info.Modified,
        })],
        TotalVersions = r.Versions.Count,
        TotalBytes = r.TotalBytes,
    };
}

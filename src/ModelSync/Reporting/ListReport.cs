using System.Text.Json.Nodes;
using ModelSync.Operations;
using ModelSync.Text;
using ModelSync.Versioning;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>list</c>.</summary>
public static class ListReport
{
    private const int MaxNamed = 10;

    /// <summary>The parsed columns list shows, those of them the pattern has: GPU, Model, Version.</summary>
    private static readonly string[] Columns = [NamingField.Gpu, NamingField.Model, NamingField.Version];

    public static void Write(TextWriter writer, ListResult result)
    {
        var query = result.Query;
        writer.WriteLine($"## Models on {result.Server}");
        writer.WriteLine($"Model base: {Printable.Name(result.ModelBase)}{Describe(query)}");
        writer.WriteLine();
        if (result.Models.Count == 0)
        {
            writer.WriteLine(query.Filter is null && query.Model is null ? "No models yet." : $"No model matches {Matching(query)}.");
        }
        else
        {
            var columns = FieldColumns(result.Pattern);
            var table = new MarkdownTable(["Name", .. columns.Select(Header), "Size", "Modified"]);
            foreach (var m in result.Models)
                table.Add([m.Name, .. columns.Select(c => m.Parsed?.Get(c) ?? "—"), Human.Bytes(m.Info.Bytes), Human.Time(m.Info.Modified)]);
            table.WriteTo(writer);
        }
        writer.WriteLine();
        writer.WriteLine($"Total: {Human.Count(result.Models.Count, "model")}, {Human.Bytes(result.TotalBytes)}");
        var strays = result.Models.Where(m => !m.Conforms).Select(m => m.Name).ToList();
        if (strays.Count > 0)
        {
            writer.WriteLine($"Note: {strays.Count} name{(strays.Count == 1 ? "" : "s")} (shown with —) " +
                $"{(strays.Count == 1 ? "does" : "do")} not follow {result.Pattern.Template}: " +
                string.Join(", ", strays.Take(MaxNamed).Select(Printable.Name)) + (strays.Count > MaxNamed ? $" and {strays.Count - MaxNamed} more" : ""));
        }
    }

    /// <summary>The fields of a name shown as columns: GPU, Model, Version, those the pattern has.</summary>
    public static IReadOnlyList<string> FieldColumns(NamingPattern pattern) => Columns.Where(pattern.Has).ToList();

    public static string Header(string field) => field == NamingField.Gpu ? "GPU" : field[0] + field[1..].ToLowerInvariant();

    public static string Describe(ListQuery query) =>
        (query.Filter is null ? "" : $" (filter: {query.Filter})")
        + (query.Model is null ? "" : $" (model: {query.Model})")
        + (query.Latest ? " (latest version of each model)" : "");

    private static string Matching(ListQuery query) =>
        string.Join(" and ", new[] { query.Filter is null ? null : $"'{query.Filter}'", query.Model is null ? null : $"model {query.Model}" }.OfType<string>());

    public static JsonObject Json(ListResult r) => new()
    {
        ["server"] = r.Server,
        ["model_base"] = r.ModelBase,
        ["filter"] = r.Query.Filter,
        ["model"] = r.Query.Model,
        ["latest"] = r.Query.Latest,
        ["pattern"] = r.Pattern.Template,
        ["models"] = JsonOutput.Array(r.Models, m => new JsonObject
        {
            ["name"] = m.Name,
            ["bytes"] = m.Info.Bytes,
            ["files"] = m.Info.Files,
            ["modified"] = m.Info.Modified,
            ["conforms"] = m.Conforms,
            ["fields"] = NameReport.Fields(m.Parsed),
        }),
        ["total_models"] = r.Models.Count,
        ["total_bytes"] = r.TotalBytes,
    };
}

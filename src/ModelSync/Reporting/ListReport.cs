using ModelSync.Operations;
using ModelSync.Reporting.Json;
using ModelSync.Text;
using ModelSync.Versioning;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>list</c>.</summary>
public static class ListReport
{
    private const int MaxNamed = 10;

    /// <summary>The parsed columns list shows, those of them the pattern has: GPU, Model, Version.</summary>
    private static readonly string[] Columns = [NamingField.Gpu, NamingField.Model, NamingField.Version];

    /// <param name="bound">How much of the left-behind list is shown: the first entries and a count, or (<c>--files</c>) all.</param>
    public static void Write(TextWriter writer, ListResult result, ListBound bound = default)
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
        LeftBehindReport.Write(writer, result.LeftBehind, DateTimeOffset.UtcNow, result.Pattern, result.ModelBase, bound);
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

    public static ListJson Json(ListResult r, ListBound bound = default) => new()
    {
        Server = r.Server,
        ModelBase = r.ModelBase,
        Filter = r.Query.Filter,
        Model = r.Query.Model,
        Latest = r.Query.Latest,
        Pattern = r.Pattern.Template,
        Models = [.. r.Models.Select(m => new ListedModelJson
        {
            Name = m.Name,
            Bytes = m.Info.Bytes,
            Files = m.Info.Files,
            Modified = m.Info.Modified,
            Conforms = m.Conforms,
            Fields = NameReport.FieldsOrNull(m.Parsed),
        })],
        TotalModels = r.Models.Count,
        TotalBytes = r.TotalBytes,
        LeftBehind = LeftBehindReport.Json(r.LeftBehind, DateTimeOffset.UtcNow, bound),
        LeftBehindTotal = r.LeftBehind.Count,
        LeftBehindTruncated = bound.TruncatedInJson(r.LeftBehind.Count),
    };
}

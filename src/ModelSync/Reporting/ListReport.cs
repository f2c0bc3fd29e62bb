using ModelSync.Operations;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>list</c>.</summary>
public static class ListReport
{
    public static void Write(TextWriter writer, ListResult result)
    {
        writer.WriteLine($"## Models on {result.Server}");
        writer.WriteLine($"Model base: {result.ModelBase}{(result.Filter is null ? "" : $" (filter: {result.Filter})")}");
        writer.WriteLine();
        if (result.Models.Count == 0)
        {
            writer.WriteLine(result.Filter is null ? "No models yet." : $"No model matches '{result.Filter}'.");
        }
        else
        {
            var table = new MarkdownTable("Model", "Size", "Modified");
            foreach (var m in result.Models) table.Add(m.Name, Human.Bytes(m.Bytes), Human.Time(m.Modified));
            table.WriteTo(writer);
        }
        writer.WriteLine();
        writer.WriteLine($"Total: {result.Models.Count} models, {Human.Bytes(result.TotalBytes)}");
    }

    public static object Json(ListResult r) => new
    {
        server = r.Server,
        model_base = r.ModelBase,
        filter = r.Filter,
        models = r.Models.Select(m => new { name = m.Name, bytes = m.Bytes, files = m.Files, modified = m.Modified }),
        total_models = r.Models.Count,
        total_bytes = r.TotalBytes,
    };
}

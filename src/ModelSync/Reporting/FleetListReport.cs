using System.Text.Json.Nodes;
using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Text;
using ModelSync.Versioning;

namespace ModelSync.Reporting;

/// <summary>
/// <c>list</c> over several servers: one row per model name, one column per server saying whether it has it, so
/// which servers hold which versions reads straight off the table.
/// </summary>
public static class FleetListReport
{
    private sealed record Row(VersionedModel Model, Dictionary<string, ModelInfo> On);

    private static List<Row> Pivot(IReadOnlyList<TargetOutcome<ListResult>> outcomes)
    {
        var rows = new Dictionary<string, Row>(StringComparer.Ordinal);
        foreach (var o in outcomes.Where(o => o.Result is not null))
        {
            foreach (var m in o.Result!.Models)
            {
                if (!rows.TryGetValue(m.Name, out var row)) rows[m.Name] = row = new Row(m, new Dictionary<string, ModelInfo>(StringComparer.Ordinal));
                row.On[o.Server] = m.Info;
            }
        }
        return rows.Values.OrderByDescending(r => r.On.Values.Max(i => i.Modified)).ThenBy(r => r.Model.Name, StringComparer.Ordinal).ToList();
    }

    public static void Write(TextWriter writer, ListQuery query, NamingPattern pattern, IReadOnlyList<TargetOutcome<ListResult>> outcomes)
    {
        var servers = outcomes.Select(o => o.Server).ToList();
        writer.WriteLine($"## Models on {string.Join(", ", servers)}");
        var filters = ListReport.Describe(query).Trim();
        if (filters.Length > 0) writer.WriteLine($"Showing: {filters}");
        writer.WriteLine();
        var rows = Pivot(outcomes);
        if (rows.Count == 0)
        {
            writer.WriteLine(query.Filter is null && query.Model is null ? "No models yet." : "No model matches on any server.");
        }
        else
        {
            var columns = ListReport.FieldColumns(pattern);
            var table = new MarkdownTable(["Name", .. columns.Select(ListReport.Header), "Size", .. servers]);
            foreach (var row in rows)
            {
                var size = row.On.Values.First().Bytes;
                table.Add([row.Model.Name, .. columns.Select(c => row.Model.Parsed?.Get(c) ?? "—"), Human.Bytes(size),
                    .. outcomes.Select(o => Cell(o, row, size))]);
            }
            table.WriteTo(writer);
        }
        writer.WriteLine();
        writer.WriteLine($"Total: {Human.Count(rows.Count, "model")}; " + string.Join(", ", outcomes.Select(o => $"{o.Server} {(o.Result is { } r ? r.Models.Count : "?")}")));
        foreach (var failed in outcomes.Where(o => !o.Ok)) writer.WriteLine($"Not reached: {failed.Server} — {failed.Failure!.Line}");
        var strays = rows.Where(r => !r.Model.Conforms).Select(r => r.Model.Name).ToList();
        if (strays.Count > 0) writer.WriteLine($"Note: {Human.Count(strays.Count, "name")} {(strays.Count == 1 ? "does" : "do")} not follow {pattern.Template}: {string.Join(", ", strays.Take(10).Select(Printable.Name))}");
    }

    /// <summary><c>yes</c>, <c>—</c>, <c>?</c> (server not reached); a size that differs from the first copy is shown, since it is then not the same model.</summary>
    private static string Cell(TargetOutcome<ListResult> outcome, Row row, long size) =>
        !outcome.Ok ? "?"
        : !row.On.TryGetValue(outcome.Server, out var info) ? "—"
        : info.Bytes == size ? "yes" : $"yes ({Human.Bytes(info.Bytes)})";

    public static JsonObject Json(ListQuery query, NamingPattern pattern, IReadOnlyList<TargetOutcome<ListResult>> outcomes) => new()
    {
        ["servers"] = JsonOutput.Array(outcomes.Select(o => o.Server)),
        ["filter"] = query.Filter,
        ["model"] = query.Model,
        ["latest"] = query.Latest,
        ["pattern"] = pattern.Template,
        ["models"] = JsonOutput.Array(Pivot(outcomes), r => new JsonObject
        {
            ["name"] = r.Model.Name,
            ["conforms"] = r.Model.Conforms,
            ["fields"] = NameReport.Fields(r.Model.Parsed),
            ["on"] = JsonOutput.Array(outcomes.Where(o => r.On.ContainsKey(o.Server)), o => new JsonObject
            {
                ["server"] = o.Server, ["bytes"] = r.On[o.Server].Bytes, ["files"] = r.On[o.Server].Files, ["modified"] = r.On[o.Server].Modified,
            }),
        }),
        ["results"] = JsonOutput.Array(outcomes, o => new JsonObject
        {
            ["server"] = o.Server,
            ["ok"] = o.Ok,
            ["model_base"] = o.Result?.ModelBase,
            ["total_models"] = o.Result?.Models.Count,
            ["total_bytes"] = o.Result?.TotalBytes,
            ["error"] = o.Failure is { } f ? JsonOutput.Error(f.ExitCode, f.Message, f.Fix) : null,
        }),
    };
}

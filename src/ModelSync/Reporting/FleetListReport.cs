using ModelSync.Fleet;
using ModelSync.Operations;
using ModelSync.Reporting.Json;
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

    public static ListFleetJson Json(ListQuery query, NamingPattern pattern, IReadOnlyList<TargetOutcome<ListResult>> outcomes) => new()
    {
        Servers = [.. outcomes.Select(o => o.Server)],
        Filter = query.Filter,
        Model = query.Model,
        Latest = query.Latest,
        Pattern = pattern.Template,
        Models = [.. Pivot(outcomes).Select(r => new FleetModelJson
        {
            Name = r.Model.Name,
            Conforms = r.Model.Conforms,
            Fields = NameReport.FieldsOrNull(r.Model.Parsed),
            On = [.. outcomes.Where(o => r.On.ContainsKey(o.Server)).Select(o => new ModelCopyJson
            {
                Server = o.Server, Bytes = r.On[o.Server].Bytes, Files = r.On[o.Server].Files, Modified = r.On[o.Server].Modified,
            })],
        })],
        Results = [.. outcomes.Select(o => new ListedServerJson
        {
            Server = o.Server,
            Ok = o.Ok,
            ModelBase = o.Result?.ModelBase,
            TotalModels = o.Result?.Models.Count,
            TotalBytes = o.Result?.TotalBytes,
            Error = o.Failure is { } f ? ErrorJson.From(f.ExitCode, f.Message, f.Fix) : null,
        })],
    };
}

using System.Text.Json.Nodes;
using ModelSync.Operations;
using ModelSync.Remotes;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>servers</c>.</summary>
public static class ServersReport
{
    public static void Write(TextWriter writer, IReadOnlyList<ServerRow> rows, string? configSource)
    {
        writer.WriteLine("## Servers");
        writer.WriteLine($"Config: {configSource ?? "none found (built-in local alias only)"}");
        writer.WriteLine();
        var checkedRows = rows.Any(r => r.Check is not null);
        var table = checkedRows
            ? new MarkdownTable("Alias", "Host", "User", "Model base", "Reachable", "Latency", "rsync", "Free")
            : new MarkdownTable("Alias", "Host", "User", "Model base");
        foreach (var row in rows)
        {
            var a = row.Alias;
            string[] cells = [a.Name, a.IsLocal ? "(this machine)" : a.Host + (a.Port is { } p ? $":{p}" : ""), a.User ?? "—", a.ModelBase];
            if (row.Check is { } c)
            {
                cells = [.. cells,
                    c.Reachable ? (c.Error is null ? "yes" : "yes — " + c.Error) : "no — " + c.Error,
                    c.LatencyMs is { } ms ? $"{ms:0.#} ms" : "—",
                    c.RsyncVersion is { } v ? RsyncVersion.Number(v) : "—",
                    c.FreeBytes is { } free ? Human.Bytes(free) : "—"];
            }
            table.Add(cells);
        }
        table.WriteTo(writer);
    }

    /// <summary>The configured groups, one line each (nothing when there are none).</summary>
    public static void WriteGroups(TextWriter writer, IReadOnlyDictionary<string, IReadOnlyList<string>> groups)
    {
        if (groups.Count == 0) return;
        writer.WriteLine();
        writer.WriteLine("Groups: " + string.Join("; ", groups.Select(g => $"@{g.Key} = {string.Join(", ", g.Value)}")));
    }

    public static JsonObject Json(IReadOnlyList<ServerRow> rows, string? configSource, IReadOnlyDictionary<string, IReadOnlyList<string>> groups) => new()
    {
        ["config"] = configSource,
        // Group names are the user's, kept as written (not snake_cased).
        ["groups"] = new JsonObject(groups.Select(g => KeyValuePair.Create(g.Key, (JsonNode?)JsonOutput.Array(g.Value)))),
        ["servers"] = JsonOutput.Array(rows, r => new JsonObject
        {
            ["alias"] = r.Alias.Name,
            ["host"] = r.Alias.Host,
            ["user"] = r.Alias.User,
            ["port"] = r.Alias.Port,
            ["model_base"] = r.Alias.ModelBase,
            ["check"] = r.Check is { } c ? Json(c) : null,
        }),
    };

    private static JsonObject Json(ServerCheck c) => new()
    {
        ["reachable"] = c.Reachable,
        ["latency_ms"] = c.LatencyMs,
        ["rsync_version"] = c.RsyncVersion is null ? null : RsyncVersion.Number(c.RsyncVersion),
        ["free_bytes"] = c.FreeBytes,
        ["error"] = c.Error,
    };
}

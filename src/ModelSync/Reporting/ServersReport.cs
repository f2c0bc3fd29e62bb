using ModelSync.Operations;
using ModelSync.Remotes;
using ModelSync.Reporting.Json;
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

    public static ServersJson Json(IReadOnlyList<ServerRow> rows, string? configSource, IReadOnlyDictionary<string, IReadOnlyList<string>> groups) => new()
    {
        Config = configSource,
        // Group names are the user's, kept as written (not snake_cased).
        Groups = groups,
        Servers = [.. rows.Select(r => new ServerJson
        {
            Alias = r.Alias.Name,
            Host = r.Alias.Host,
            User = r.Alias.User,
            Port = r.Alias.Port,
            ModelBase = r.Alias.ModelBase,
            Check = r.Check is { } c ? Json(c) : null,
        })],
    };

    private static ServerCheckJson Json(ServerCheck c) => new()
    {
        Reachable = c.Reachable,
        LatencyMs = c.LatencyMs,
        RsyncVersion = c.RsyncVersion is null ? null : RsyncVersion.Number(c.RsyncVersion),
        FreeBytes = c.FreeBytes,
        Error = c.Error,
    };
}

using System.Text.Json.Nodes;
using ModelSync.Operations;

namespace ModelSync.Reporting;

/// <summary>Markdown and JSON for <c>verify</c>.</summary>
public static class VerifyReport
{
    public static void Write(TextWriter writer, VerifyResult result)
    {
        writer.WriteLine($"## Verify: {Printable.Name(result.Name)}");
        if (result.Resolved is { } resolved) writer.WriteLine($"Resolved: {resolved.Describe()}");
        if (result.Local is not null) writer.WriteLine($"Local: {Printable.Name(result.Local)}");
        writer.WriteLine($"Remote: {Printable.Name(result.Remote)}");
        writer.WriteLine($"Compared with: {result.ComparedWith}, by {result.Algorithm} ({Hashed(result)})");
        writer.WriteLine();
        if (result.Ok)
        {
            writer.WriteLine($"Result: OK — all {result.Files} files match");
            return;
        }
        var table = new MarkdownTable("File", "Expected", "Remote", "Problem");
        foreach (var f in result.Findings)
            table.Add(f.Path.Length == 0 ? result.Name : f.Path, Size(f.LocalBytes), Size(f.RemoteBytes), f.Problem);
        table.WriteTo(writer);
        writer.WriteLine();
        writer.WriteLine($"Result: FAILED — {result.Findings.Count} problem(s) in {Printable.Name(result.Remote)}");
    }

    private static string Hashed(VerifyResult r) =>
        r.HashedNow >= r.Files ? $"{r.Files} files hashed" : $"{r.HashedNow} hashed now, {r.Files - r.HashedNow} unchanged since the last verified push";

    private static string Size(long? bytes) => bytes is { } b ? Human.Bytes(b) : "—";

    public static JsonObject Json(VerifyResult r) => new()
    {
        ["name"] = r.Name,
        ["local"] = r.Local,
        ["remote"] = r.Remote,
        ["resolved_from"] = r.Resolved?.Selector,
        ["compared_with"] = r.ComparedWith,
        ["algorithm"] = r.Algorithm,
        ["files"] = r.Files,
        ["hashed_now"] = r.HashedNow,
        ["ok"] = r.Ok,
        ["warnings"] = JsonOutput.Array(r.Warnings),
        ["problems"] = JsonOutput.Array(r.Findings, f => new JsonObject
        {
            ["path"] = f.Path, ["problem"] = f.Problem, ["expected_bytes"] = f.LocalBytes, ["remote_bytes"] = f.RemoteBytes,
        }),
    };
}

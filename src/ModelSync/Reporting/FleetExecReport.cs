using ModelSync.Fleet;
using ModelSync.Reporting.Json;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary><c>exec</c> on several servers: a section per server with its output, then a table of exit codes.</summary>
public static class FleetExecReport
{
    public static void Write(TextWriter writer, string command, IReadOnlyList<TargetOutcome<ExecOutput>> outcomes)
    {
        foreach (var o in outcomes)
        {
            writer.WriteLine(o.Result is { } r ? $"## {o.Server}: exit {r.ExitCode}" : $"## {o.Server}: not run");
            writer.WriteLine();
            if (o.Result is { } output)
            {
                Block(writer, output.Stdout.Length == 0 && output.Stderr.Length == 0 ? "(no output)" : output.Stdout);
                if (output.Stderr.Length > 0)
                {
                    writer.WriteLine("stderr:");
                    Block(writer, output.Stderr);
                }
            }
            else
            {
                writer.WriteLine(o.Failure!.Line);
                writer.WriteLine();
            }
        }
        writer.WriteLine("## Summary");
        var table = new MarkdownTable("Server", "Exit code", "Time");
        foreach (var o in outcomes) table.Add(o.Server, o.Result is { } r ? $"{r.ExitCode}" : "not run", Human.Seconds(o.Seconds));
        table.WriteTo(writer);
        writer.WriteLine();
        var failed = outcomes.Where(o => !o.Ok).Select(o => o.Server).ToList();
        writer.WriteLine(failed.Count == 0
            ? $"`{command}` exited 0 on all {outcomes.Count} servers."
            : $"`{command}` failed on {failed.Count} of {outcomes.Count} servers: {string.Join(", ", failed)}");
    }

    /// <summary>Output as a fenced block, the fence longer than any run of backticks inside it.</summary>
    private static void Block(TextWriter writer, string text)
    {
        if (text.Length == 0) return;
        var longest = 0;
        for (int i = 0, run = 0; i < text.Length; i++)
        {
            run = text[i] == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', Math.Max(3, longest + 1));
        writer.WriteLine(fence + "text");
        writer.Write(text);
        if (!text.EndsWith('\n')) writer.WriteLine();
        writer.WriteLine(fence);
        writer.WriteLine();
    }

    public static ExecFleetJson Json(string command, IReadOnlyList<TargetOutcome<ExecOutput>> outcomes) => new()
    {
        Command = command,
        Ok = outcomes.All(o => o.Ok),
        Servers = [.. outcomes.Select(o => new ExecServerJson
        {
            Server = o.Server,
            ExitCode = o.Result?.ExitCode,
            Stdout = o.Result?.Stdout,
            Stderr = o.Result?.Stderr,
            Seconds = Math.Round(o.Seconds, 3),
            Error = o.Result is null && o.Failure is { } f ? ErrorJson.From(f.ExitCode, f.Message, f.Fix) : null,
        })],
        Failed = [.. outcomes.Where(o => !o.Ok).Select(o => o.Server)],
    };
}

using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;

namespace ModelSync.IntegrationTests.Support;

/// <summary>Assertions on what the CLI printed: exit codes, the one-line error, Markdown table rows, JSON.</summary>
public static class CliAssert
{
    public static void Exit(CliResult result, int expected)
    {
        Assert.True(result.ExitCode == expected, $"expected exit code {expected}, got {result}");
    }

    /// <summary>
    /// Fails unless the run exited with <paramref name="exitCode"/> and printed exactly one
    /// <c>error: &lt;what&gt; — &lt;fix&gt;</c> line on stderr containing every fragment. Returns that line.
    /// </summary>
    public static string Error(CliResult result, int exitCode, params string[] fragments)
    {
        Exit(result, exitCode);
        var lines = result.Stderr.Split('\n').Where(l => l.StartsWith("error: ", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected exactly one 'error: ' line on stderr, got {lines.Count}\n{result}");
        var line = lines[0];
        Assert.True(line.Contains(" — ", StringComparison.Ordinal), $"error line has no ' — <fix>' part: {line}\n{result}");
        foreach (var fragment in fragments)
        {
            Assert.True(line.Contains(fragment, StringComparison.Ordinal), $"error line lacks '{fragment}': {line}\n{result}");
        }

        return line;
    }

    /// <summary>Fails unless stdout is one JSON document <c>{"error":{"code","message","fix"}}</c> matching the exit code and fragments.</summary>
    public static void JsonError(CliResult result, int exitCode, params string[] fragments)
    {
        Exit(result, exitCode);
        using var doc = Json(result);
        var error = doc.RootElement.GetProperty("error");
        Assert.Equal(exitCode, error.GetProperty("code").GetInt32());
        var message = error.GetProperty("message").GetString() ?? "";
        var fix = error.GetProperty("fix").GetString() ?? "";
        Assert.False(string.IsNullOrWhiteSpace(message), result.ToString());
        Assert.False(string.IsNullOrWhiteSpace(fix), result.ToString());
        foreach (var fragment in fragments)
        {
            Assert.True((message + " — " + fix).Contains(fragment, StringComparison.Ordinal),
                $"JSON error lacks '{fragment}': {message} — {fix}\n{result}");
        }
    }

    /// <summary>Parses the whole of stdout as one JSON document.</summary>
    public static JsonDocument Json(CliResult result)
    {
        try
        {
            return JsonDocument.Parse(result.Stdout);
        }
        catch (JsonException e)
        {
            Assert.Fail($"stdout is not one JSON document ({e.Message}):\n{result}");
            throw;
        }
    }

    /// <summary>Every Markdown table on stdout: its header cells and body rows (cells unescaped only of the outer pipes).</summary>
    public static IReadOnlyList<MarkdownTableText> Tables(string stdout)
    {
        var tables = new List<MarkdownTableText>();
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            if (!IsRow(lines[i]) || !lines[i + 1].StartsWith("|---", StringComparison.Ordinal)) continue;
            var header = Cells(lines[i]);
            var rows = new List<string[]>();
            var j = i + 2;
            for (; j < lines.Count && IsRow(lines[j]); j++) rows.Add(Cells(lines[j]));
            tables.Add(new MarkdownTableText(header, rows));
            i = j - 1;
        }

        return tables;
    }

    /// <summary>The first cells of the body rows of the one table on stdout whose header starts with <paramref name="firstHeader"/>.</summary>
    public static MarkdownTableText Table(CliResult result, string firstHeader)
    {
        var matches = Tables(result.Stdout).Where(t => t.Header[0] == firstHeader).ToList();
        Assert.True(matches.Count == 1, $"expected one table with first column '{firstHeader}', found {matches.Count}\n{result}");
        return matches[0];
    }

    /// <summary>The one body row (in any table) whose first cell is <paramref name="firstCell"/>.</summary>
    public static string[] Row(CliResult result, string firstCell) => RowIn(result, firstCell).Row;

    /// <summary>The cell in column <paramref name="column"/> (by header) of the row whose first cell is <paramref name="firstCell"/>.</summary>
    public static string Cell(CliResult result, string firstCell, string column)
    {
        var (table, row) = RowIn(result, firstCell);
        var index = Array.IndexOf(table.Header, column);
        Assert.True(index >= 0 && index < row.Length, $"no column '{column}' in [{string.Join(", ", table.Header)}]\n{result}");
        return row[index];
    }

    private static (MarkdownTableText Table, string[] Row) RowIn(CliResult result, string firstCell)
    {
        var hits = Tables(result.Stdout).SelectMany(t => t.Rows.Where(r => r[0] == firstCell).Select(r => (t, r))).ToList();
        Assert.True(hits.Count == 1, $"expected one table row starting with '{firstCell}', found {hits.Count}\n{result}");
        return hits[0];
    }

    private static bool IsRow(string line) => line.StartsWith("| ", StringComparison.Ordinal) && line.EndsWith(" |", StringComparison.Ordinal);

    private static string[] Cells(string line) => line.Length < 4 ? [""] : line[2..^2].Split(" | ");

    public static void StdoutContains(CliResult result, params string[] fragments)
    {
        foreach (var fragment in fragments)
        {
            Assert.True(result.Stdout.Contains(fragment, StringComparison.Ordinal), $"stdout lacks '{fragment}'\n{result}");
        }
    }

    public static void StdoutLacks(CliResult result, params string[] fragments)
    {
        foreach (var fragment in fragments)
        {
            Assert.False(result.Stdout.Contains(fragment, StringComparison.Ordinal), $"stdout should not contain '{fragment}'\n{result}");
        }
    }
}

/// <summary>A Markdown table as printed: header cells and body rows.</summary>
public sealed record MarkdownTableText(string[] Header, IReadOnlyList<string[]> Rows)
{
    /// <summary>The first cell of every body row, in order.</summary>
    public IReadOnlyList<string> FirstColumn => Rows.Select(r => r[0]).ToList();
}

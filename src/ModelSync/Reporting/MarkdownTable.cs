using System.Text;

namespace ModelSync.Reporting;

/// <summary>A GitHub-flavoured Markdown table; cells are escaped so a file name cannot break the layout.</summary>
public sealed class MarkdownTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public MarkdownTable Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public int Count => _rows.Count;

    public void WriteTo(TextWriter writer)
    {
        writer.WriteLine(Row(headers));
        writer.WriteLine("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var row in _rows) writer.WriteLine(Row(row));
    }

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(Escape)) + " |";

    public static string Escape(string cell)
    {
        var text = new StringBuilder(cell.Length);
        for (var i = 0; i < cell.Length; i++)
        {
            var c = cell[i];
            // A backslash right before a pipe would escape our escape and split the cell.
            if (c == '\\' && i + 1 < cell.Length && cell[i + 1] == '|')
            {
                text.Append(@"\\");
                continue;
            }
            text.Append(c switch
            {
                '|' => "\\|",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => " ",
                _ => c.ToString(),
            });
        }
        return text.ToString();
    }
}

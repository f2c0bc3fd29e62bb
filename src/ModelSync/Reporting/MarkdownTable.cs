using ModelSync.Text;
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

    /// <summary>A cell as <see cref="Printable.Name"/> shows it (so a backslash is doubled and a line break is <c>\n</c>), a pipe escaped.</summary>
    public static string Escape(string cell) => Printable.Name(cell).Replace("|", "\\|", StringComparison.Ordinal);
}

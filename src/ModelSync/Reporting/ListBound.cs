namespace ModelSync.Reporting;

/// <summary>
/// How much of a list of files a report prints: the first <see cref="MaxListed"/>, then a count, so the output of a
/// 20,000-file model stays small enough for an agent's context; or, with <c>--files</c>, every entry. A JSON entry
/// takes four times the room of a table row, so JSON lists stop after <see cref="MaxListedInJson"/>.
/// </summary>
public readonly record struct ListBound(bool All)
{
    public const int MaxListed = 30;

    public const int MaxListedInJson = 10;

    public static readonly ListBound Bounded = new(false);

    public static readonly ListBound Everything = new(true);

    /// <summary>The entries printed: all of them, or the first <see cref="MaxListed"/>.</summary>
    public IReadOnlyList<T> Take<T>(IReadOnlyList<T> items) => All || items.Count <= MaxListed ? items : [.. items.Take(MaxListed)];

    /// <summary>The entries a JSON list carries: all of them, or the first <see cref="MaxListedInJson"/>.</summary>
    public IReadOnlyList<T> TakeForJson<T>(IReadOnlyList<T> items) => All || items.Count <= MaxListedInJson ? items : [.. items.Take(MaxListedInJson)];

    /// <summary>Whether a JSON list of <paramref name="total"/> entries was cut.</summary>
    public bool TruncatedInJson(int total) => !All && total > MaxListedInJson;

    /// <summary>How many of <paramref name="total"/> entries are not printed.</summary>
    public int Hidden(int total) => All ? 0 : Math.Max(0, total - MaxListed);

    /// <summary>"… and N more", or null when nothing was left out.</summary>
    public string? More(int total) => Hidden(total) is > 0 and var hidden ? $"… and {hidden} more (--files lists every one)" : null;

    /// <summary>A bulleted list, then "- … and N more" when it was cut.</summary>
    public void WriteList<T>(TextWriter writer, IReadOnlyList<T> items, Func<T, string> line)
    {
        foreach (var item in Take(items)) writer.WriteLine(line(item));
        if (More(items.Count) is { } more) writer.WriteLine("- " + more);
    }

    /// <summary>A table of the printed rows, then "… and N more" after a blank line (a line right under a table would be read as a row).</summary>
    public void WriteTable<T>(TextWriter writer, MarkdownTable table, IReadOnlyList<T> items, Func<T, string[]> row)
    {
        foreach (var item in Take(items)) table.Add(row(item));
        table.WriteTo(writer);
        if (More(items.Count) is not { } more) return;
        writer.WriteLine();
        writer.WriteLine(more);
    }
}

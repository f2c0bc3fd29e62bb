namespace ModelSync.Text;

/// <summary>Command lines printed for people to run again: words quoted only when a shell would misread them.</summary>
public static class ShellWords
{
    /// <summary>
    /// A word as typed: bare when safe, else single-quoted; a word holding a control character or a byte that is not
    /// UTF-8 in bash's <c>$'…'</c>, its escapes as <see cref="Printable.Name"/> writes them, so the line is
    /// printable and still runs as printed.
    /// </summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "._-/:@~+=,".Contains(c, StringComparison.Ordinal)) ? word
        : word.Any(Printable.NeedsEscape) ? "$'" + Printable.Name(word).Replace("'", "\\'", StringComparison.Ordinal) + "'"
        : SingleQuoted.Word(word);

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}

namespace ModelSync.Text;

/// <summary>
/// Words for a command line a shell will parse (a remote login shell, a script written to disk). Every word is
/// single-quoted, so no character in a file name — space, quote, <c>$()</c>, backtick, <c>;</c>, newline — is
/// ever interpreted. <see cref="ShellWords"/> is the readable form for lines printed to people.
/// </summary>
public static class SingleQuoted
{
    public static string Word(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Each word quoted, one space between them.</summary>
    public static string Line(IEnumerable<string> words) => string.Join(' ', words.Select(Word));
}

namespace ModelSync.Reporting;

/// <summary>Command lines printed for people to run again: words quoted only when a shell would misread them.</summary>
public static class ShellWords
{
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "._-/:@~+=,".Contains(c, StringComparison.Ordinal)) ? word : Remotes.RemoteShell.Quote(word);

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}

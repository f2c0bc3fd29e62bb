namespace ModelSync.Remotes;

/// <summary>
/// Builds the one command line a remote login shell will parse. Every word is single-quoted, so no
/// character in a file name — space, quote, <c>$()</c>, backtick, <c>;</c>, newline — is ever interpreted.
/// </summary>
public static class RemoteShell
{
    public static string Quote(string word) => "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    /// <summary>A fixed POSIX sh <paramref name="script"/> run with <paramref name="arguments"/> as <c>$1…</c>: the only way data reaches a remote shell.</summary>
    public static IReadOnlyList<string> Script(string script, IEnumerable<string> arguments) =>
        ["sh", "-c", script, "sh", .. arguments];
}

namespace ModelSync.Remotes;

/// <summary>
/// The argument list a remote shell runs a script with; <see cref="Text.SingleQuoted.Line"/> makes it the one
/// command line a remote login shell will parse.
/// </summary>
public static class RemoteShell
{
    /// <summary>A fixed POSIX sh <paramref name="script"/> run with <paramref name="arguments"/> as <c>$1…</c>: the only way data reaches a remote shell.</summary>
    public static IReadOnlyList<string> Script(string script, IEnumerable<string> arguments) =>
        ["sh", "-c", script, "sh", .. arguments];
}

using ModelSync.Errors;

namespace ModelSync.Remotes;

/// <summary>How rsync is told where a place is: the <c>host:path</c> spec and the <c>-e</c> remote shell.</summary>
public static class RsyncAddress
{
    /// <summary><c>host:path</c>, with an IPv6 literal bracketed.</summary>
    public static string HostSpec(string host, string path) =>
        (host.Contains(':', StringComparison.Ordinal) ? "[" + host + "]" : host) + ":" + path;

    /// <summary>
    /// The <c>-e</c> value: rsync splits it on spaces and honours single and double quotes (no backslashes),
    /// so each word is quoted only as much as it needs.
    /// </summary>
    public static string RemoteShellCommand(IEnumerable<string> words) => string.Join(' ', words.Select(QuoteForRsync));

    private static string QuoteForRsync(string word)
    {
        if (word.Length > 0 && !word.Any(c => c is ' ' or '\'' or '"' || char.IsWhiteSpace(c))) return word;
        if (!word.Contains('"', StringComparison.Ordinal)) return "\"" + word + "\"";
        if (!word.Contains('\'', StringComparison.Ordinal)) return "'" + word + "'";
        throw ModelSyncException.Usage($"ssh argument {word} has both kinds of quote, which rsync cannot pass on", "remove the quotes from that ssh option");
    }
}

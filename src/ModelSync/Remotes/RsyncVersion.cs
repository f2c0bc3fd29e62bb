namespace ModelSync.Remotes;

/// <summary>The version number in the first line of <c>rsync --version</c>.</summary>
public static class RsyncVersion
{
    /// <summary><c>rsync  version 3.2.7  protocol version 31</c> → <c>3.2.7</c>.</summary>
    public static string Number(string versionLine)
    {
        var words = versionLine.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.IndexOf(words, "version");
        return index >= 0 && index + 1 < words.Length ? words[index + 1] : versionLine;
    }
}

using System.Globalization;

namespace ModelSync.Transfer;

/// <summary>One file rsync reported: sent, received or deleted.</summary>
public sealed record RsyncItem(string Path, long Size, bool Deleted);

/// <summary>The figures of rsync's <c>--stats</c> block that the report needs.</summary>
public sealed record RsyncStats(long BytesSent, long BytesReceived, long LiteralBytes, long MatchedBytes, int FilesTransferred);

/// <summary>Parses rsync's <c>--out-format</c> lines and its <c>--stats</c> block.</summary>
public static class RsyncOutput
{
    /// <summary>The file a line names, or null for lines that are not about a file that moved.</summary>
    public static RsyncItem? ParseItem(string line)
    {
        if (!line.StartsWith(RsyncArgs.ItemPrefix, StringComparison.Ordinal)) return null;
        var fields = line[RsyncArgs.ItemPrefix.Length..].Split('\t', 3);
        if (fields.Length != 3) return null;
        var (flags, size, name) = (fields[0], fields[1], fields[2]);
        if (flags.StartsWith("*deleting", StringComparison.Ordinal)) return new RsyncItem(name.TrimEnd('/'), 0, true);
        var moved = flags.Length > 1 && flags[0] is '<' or '>' && flags[1] == 'f';
        if (!moved) return null;
        return new RsyncItem(name, long.TryParse(size, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0, false);
    }

    public static RsyncStats ParseStats(string stdout)
    {
        long Value(string label)
        {
            foreach (var line in stdout.Split('\n'))
            {
                if (!line.StartsWith(label, StringComparison.Ordinal)) continue;
                var digits = new string(line[label.Length..].TakeWhile(c => c != '(').Where(char.IsAsciiDigit).ToArray());
                return digits.Length == 0 ? 0 : long.Parse(digits, CultureInfo.InvariantCulture);
            }
            return 0;
        }
        return new RsyncStats(
            Value("Total bytes sent:"),
            Value("Total bytes received:"),
            Value("Literal data:"),
            Value("Matched data:"),
            (int)Value("Number of regular files transferred:"));
    }
}

using System.Globalization;

namespace ModelSync.Transfer;

/// <summary>One file rsync reported: sent, received or deleted.</summary>
public sealed record RsyncItem(string Path, long Size, bool Deleted);

/// <summary>One <c>--info=progress2</c> update: bytes so far, percent, rate and time left as rsync prints them.</summary>
public sealed record RsyncProgress(long Bytes, int Percent, string Rate, string Remaining);

/// <summary>The figures of rsync's <c>--stats</c> block that the report needs.</summary>
public sealed record RsyncStats(long BytesSent, long BytesReceived, long LiteralBytes, long MatchedBytes, int FilesTransferred);

/// <summary>Parses rsync's <c>--out-format</c> lines and its <c>--stats</c> block.</summary>
public static class RsyncOutput
{
    /// <summary>The file a line names, or null for lines that are not about a file that moved.</summary>
    public static RsyncItem? ParseItem(string line)
    {
        if (!line.StartsWith(RsyncArgs.ItemPrefix, StringComparison.Ordinal)) return null;
        var fields = line.AsSpan(RsyncArgs.ItemPrefix.Length);
        var first = fields.IndexOf('\t');
        var second = first < 0 ? -1 : fields[(first + 1)..].IndexOf('\t');
        if (second < 0) return null;
        var flags = fields[..first];
        var size = fields.Slice(first + 1, second);
        var printed = fields[(first + second + 2)..];
        if (flags.StartsWith("*deleting", StringComparison.Ordinal)) return new RsyncItem(Unescape(printed.ToString()).TrimEnd('/'), 0, true);
        var moved = flags.Length > 1 && flags[0] is '<' or '>' && flags[1] == 'f';
        if (!moved) return null;
        return new RsyncItem(Unescape(printed.ToString()), long.TryParse(size, CultureInfo.InvariantCulture, out var bytes) ? bytes : 0, false);
    }

    /// <summary>
    /// Whether <paramref name="line"/> is shaped like a <c>--info=progress2</c> update (a number, then a percent), not a
    /// line of the <c>--stats</c> block: those start with a word.
    /// </summary>
    public static bool LooksLikeProgress(string line)
    {
        var start = line.AsSpan().TrimStart(' ');
        return !start.IsEmpty && char.IsAsciiDigit(start[0]) && start.Contains('%');
    }

    /// <summary>
    /// A name as rsync prints it, back to the name: rsync writes a control character (and a backslash before a
    /// <c>#</c>) as <c>\#ooo</c>, octal, even with <c>-8</c>, which leaves only the bytes above 0x7f alone.
    /// </summary>
    public static string Unescape(string printed) => Paths.OctalEscapes.Undo(printed, "\\#");

    /// <summary><c>    3,000,000  45%  209.65MB/s    0:00:01 (xfr#1, to-chk=2/7)</c>, or null for any other line.</summary>
    public static RsyncProgress? ParseProgress(string line)
    {
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 4 || !words[1].EndsWith('%')) return null;
        var digits = words[0].Replace(",", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        if (!long.TryParse(digits, CultureInfo.InvariantCulture, out var bytes)
            || !int.TryParse(words[1].TrimEnd('%'), CultureInfo.InvariantCulture, out var percent))
            return null;
        return new RsyncProgress(bytes, percent, Rate(words[2]), words[3]);
    }

    /// <summary>
    /// rsync's rate (<c>209.65MB/s</c>, counted in units of 1024 under decimal-looking names) in the units every other
    /// size is shown in (<c>209.65MiB/s</c>); a word it does not recognise is kept as rsync wrote it.
    /// </summary>
    public static string Rate(string word)
    {
        if (!word.EndsWith("B/s", StringComparison.Ordinal) || word.Length < 4) return word;
        var prefix = word[^4];
        var power = char.ToUpperInvariant(prefix) switch { 'K' => 1, 'M' => 2, 'G' => 3, 'T' => 4, _ => 0 };
        var number = power == 0 ? word[..^3] : word[..^4];
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)) return word;
        return Text.Human.Bytes((long)(value * Math.Pow(Text.Human.UnitStep, power))) + "/s";
    }

    public static RsyncStats ParseStats(string stdout) => ParseStats(stdout.Split('\n'));

    /// <summary>The <c>--stats</c> figures among <paramref name="lines"/>; a figure not there is 0.</summary>
    public static RsyncStats ParseStats(IReadOnlyList<string> lines)
    {
        long Value(string label)
        {
            foreach (var line in lines)
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

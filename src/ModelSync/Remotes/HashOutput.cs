using ModelSync.Hashing;
using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>
/// Parses what <see cref="RemoteScripts.Hash"/> prints: a first line naming the tool, then NUL-terminated
/// records, <c>HASH *./name</c> (openssl) or <c>HASH  ./name</c> (sha256sum, xxhsum -H2, b3sum, and the records
/// the script builds itself for odd names), HASH being lower-case hex of the function's length.
/// </summary>
public static class HashOutput
{
    public static (string Tool, Dictionary<string, string> Hashes) Parse(ReadOnlySpan<byte> output, HashFunction function)
    {
        var text = PathBytes.Decode(output);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0) throw new FormatException("hash output has no tool line");
        var tool = text[..newline];
        if (!function.Tools.Contains(tool)) throw new FormatException($"{tool} cannot compute {function.Name}");
        var length = function.HexLength;
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in text[(newline + 1)..].Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = record.Length > length + 4 ? record.AsSpan(length, 4) : default;
            if (!LowerHex.Is(record.AsSpan(0, Math.Min(length, record.Length)), length) || record.Length <= length
                || !(separator.SequenceEqual(" *./") || separator.SequenceEqual("  ./")))
                throw new FormatException("unexpected hash record: " + record[..Math.Min(record.Length, 80)]);
            hashes[record[(length + 4)..]] = record[..length];
        }
        return (tool, hashes);
    }

    /// <summary>
    /// Names a tool may print escaped (a leading backslash, then <c>\n</c>, <c>\r</c> or <c>\\</c> for those
    /// characters, each tool and version slightly differently) or not as their bytes (b3sum prints a name that is
    /// not UTF-8 with replacement characters): they are hashed one tool run per file instead.
    /// </summary>
    public static bool NeedsOneRunEach(string name) => name.AsSpan().ContainsAny('\n', '\r', '\\') || PathBytes.HasEscapes(name);
}

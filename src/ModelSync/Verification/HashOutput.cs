using System.Text;

namespace ModelSync.Verification;

/// <summary>
/// Parses what <see cref="Remotes.RemoteScripts.Hash"/> prints: a first line naming the tool, then
/// NUL-terminated records, <c>HASH *./name</c> (openssl) or <c>HASH  ./name</c> (sha256sum -z).
/// </summary>
public static class HashOutput
{
    private const int HexLength = 64;
    private static readonly System.Buffers.SearchValues<char> HexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static (string Tool, Dictionary<string, string> Hashes) Parse(ReadOnlySpan<byte> output)
    {
        var text = Encoding.UTF8.GetString(output);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0) throw new FormatException("hash output has no tool line");
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in text[(newline + 1)..].Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = record.Length > HexLength + 4 ? record.AsSpan(HexLength, 4) : default;
            if (!IsHex(record.AsSpan(0, Math.Min(HexLength, record.Length))) || record.Length <= HexLength
                || !(separator.SequenceEqual(" *./") || separator.SequenceEqual("  ./")))
                throw new FormatException("unexpected hash record: " + record[..Math.Min(record.Length, 80)]);
            hashes[record[(HexLength + 4)..]] = record[..HexLength];
        }
        return (text[..newline], hashes);
    }

    private static bool IsHex(ReadOnlySpan<char> text) =>
        text.Length == HexLength && !text.ContainsAnyExcept(HexDigits);
}

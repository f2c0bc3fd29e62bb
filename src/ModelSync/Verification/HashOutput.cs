using System.Text;
using System.Text.RegularExpressions;

namespace ModelSync.Verification;

/// <summary>
/// Parses what <see cref="Remotes.RemoteScripts.Hash"/> prints: a first line naming the tool, then either
/// <c>openssl dgst -sha256 -r</c> lines (<c>HASH *./name</c>, names raw, so a newline inside a name continues
/// the previous record) or <c>sha256sum -z</c> records (<c>HASH  ./name\0</c>).
/// </summary>
public static partial class HashOutput
{
    [GeneratedRegex("^([0-9a-f]{64}) \\*\\./", RegexOptions.CultureInvariant)]
    private static partial Regex OpensslRecord();

    public static (string Tool, Dictionary<string, string> Hashes) Parse(ReadOnlySpan<byte> output)
    {
        var text = Encoding.UTF8.GetString(output);
        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline < 0) throw new FormatException("hash output has no tool line");
        var tool = text[..newline];
        var body = text[(newline + 1)..];
        return (tool, tool == "sha256sum" ? ParseSha256sum(body) : ParseOpenssl(body));
    }

    private static Dictionary<string, string> ParseSha256sum(string body)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var record in body.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            if (record.Length < 68 || record[64] != ' ' || record[65] != ' ' || !record[66..].StartsWith("./", StringComparison.Ordinal))
                throw new FormatException("unexpected sha256sum record");
            hashes[record[68..]] = record[..64];
        }
        return hashes;
    }

    private static Dictionary<string, string> ParseOpenssl(string body)
    {
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        string? hash = null;
        var name = new StringBuilder();
        foreach (var line in body.Split('\n'))
        {
            var match = OpensslRecord().Match(line);
            if (match.Success)
            {
                if (hash is not null) hashes[name.ToString()] = hash;
                hash = match.Groups[1].Value;
                name.Clear().Append(line, match.Length, line.Length - match.Length);
            }
            else if (hash is not null)
            {
                name.Append('\n').Append(line);
            }
        }
        if (hash is not null)
        {
            // The last line ended with the record's own newline, which Split turned into a trailing empty piece.
            var last = name.ToString();
            hashes[last.EndsWith('\n') ? last[..^1] : last] = hash;
        }
        return hashes;
    }
}

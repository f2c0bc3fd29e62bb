using System.Globalization;
using System.Text;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// Files whose names are byte strings that need not be UTF-8. System.IO encodes every path as UTF-8, so it can
/// neither create nor find such a file; these helpers go through /bin/sh, handing it each name as octal escapes
/// for its printf.
/// </summary>
public static class ByteNames
{
    /// <summary>The bytes of <paramref name="text"/> with <c>\xNN</c> escapes turned into single bytes: <c>"w\\xff"</c> → 77 FF.</summary>
    public static byte[] Of(string text)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 3 < text.Length && text[i + 1] == 'x')
            {
                bytes.Add(byte.Parse(text.AsSpan(i + 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }
        return [.. bytes];
    }

    /// <summary>Writes <paramref name="content"/> to <paramref name="directory"/>/<paramref name="name"/> (directories on the way made).</summary>
    public static void Write(string directory, byte[] name, string content) =>
        Run("""
            mkdir -p -- "$1" && cd -- "$1" || exit 1
            n=$(printf "$2"; printf x); n=${n%x}
            mkdir -p -- "$(dirname -- "$n")" && printf '%s' "$3" > "$n"
            """, directory, Octal(name), content);

    /// <summary>The content of <paramref name="directory"/>/<paramref name="name"/>.</summary>
    public static string Read(string directory, byte[] name) =>
        Encoding.UTF8.GetString(Run("""
            cd -- "$1" || exit 1
            n=$(printf "$2"; printf x); n=${n%x}
            cat -- "$n"
            """, directory, Octal(name)));

    /// <summary>Every path below <paramref name="directory"/>, as bytes, rendered <c>\xNN</c> where not printable ASCII, sorted.</summary>
    public static IReadOnlyList<string> List(string directory) =>
        [.. Run("""cd -- "$1" && find . -mindepth 1 -printf '%P\0'""", directory)
            .Aggregate(new List<List<byte>> { new() }, (names, b) =>
            {
                if (b == 0) names.Add([]);
                else names[^1].Add(b);
                return names;
            })
            .Where(n => n.Count > 0)
            .Select(n => string.Concat(n.Select(b => b is >= 0x20 and < 0x7f && b != (byte)'\\' ? ((char)b).ToString() : $"\\x{b:x2}")))
            .Order(StringComparer.Ordinal)];

    /// <summary>Removes <paramref name="directory"/> with rm, which (unlike Directory.Delete) reaches names that are not UTF-8.</summary>
    public static void Remove(string directory) => Run("""rm -rf -- "$1" """, directory);

    private static string Octal(byte[] name) =>
        string.Concat(name.Select(b => "\\" + Convert.ToString(b, 8).PadLeft(3, '0')));

    private static byte[] Run(string script, params string[] args) => TestProcess.RunBytes("/bin/sh", ["-c", script, "sh", .. args]);
}

using System.Globalization;
using System.Text;
using ModelSync.Paths;

namespace ModelSync.Text;

/// <summary>
/// Names from a server, a manifest or a file system as a terminal may show them. A name is hostile input: an ESC
/// could recolour or retitle the terminal, a BEL ring it, a carriage return or a bidi override disguise what is
/// listed. <see cref="Name"/> is what every Markdown report and error message shows of a name, and it is
/// unambiguous: a backslash is doubled; a control character (C0, DEL) is <c>\n</c>, <c>\r</c>, <c>\t</c> or
/// <c>\xNN</c>; a byte that is not UTF-8 is <c>\xNN</c> (see <see cref="PathBytes"/>); a C1 control or a character
/// that reorders text (bidi controls, line and paragraph separators) is <c>\uNNNN</c>. Everything else, any
/// script included, is shown as it is.
/// </summary>
public static class Printable
{
    /// <summary><paramref name="name"/>, escaped so that it shows as what it is, and nothing else.</summary>
    public static string Name(string name) => Escape(name, escapeBackslash: true, keepNewlines: false);

    /// <summary>
    /// Free text that may quote names or a server's stderr (an error message): every control character escaped as
    /// in <see cref="Name"/>, but a backslash left alone and line breaks kept, so text the tool wrote reads as written.
    /// </summary>
    public static string Text(string text) => Escape(text, escapeBackslash: false, keepNewlines: true);

    /// <summary>True when <see cref="Name"/> shows <paramref name="c"/> as an escape (a backslash aside).</summary>
    public static bool NeedsEscape(char c) =>
        c < ' ' || c is >= '\u007f' and <= '\u009f' || IsReordering(c) || char.IsSurrogate(c);

    private static string Escape(string text, bool escapeBackslash, bool keepNewlines)
    {
        if (!text.Contains('\\', StringComparison.Ordinal) && !text.Any(NeedsEscape)) return text;
        var shown = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                shown.Append(c).Append(text[++i]);
                continue;
            }
            if (c == '\\') shown.Append(escapeBackslash ? @"\\" : @"\");
            else if (keepNewlines && c is '\n' or '\t') shown.Append(c);
            else if (!NeedsEscape(c)) shown.Append(c);
            else if (c == '\n') shown.Append(@"\n");
            else if (c == '\r') shown.Append(@"\r");
            else if (c == '\t') shown.Append(@"\t");
            else if (PathBytes.EscapedByte(c) is { } b) shown.Append(CultureInfo.InvariantCulture, $@"\x{b:x2}");
            else if (c <= '\u007f') shown.Append(CultureInfo.InvariantCulture, $@"\x{(int)c:x2}");
            else shown.Append(CultureInfo.InvariantCulture, $@"\u{(int)c:x4}");
        }
        return shown.ToString();
    }

    /// <summary>Characters that change the order or the lines text is shown in: bidi marks, embeddings, overrides, isolates, separators.</summary>
    private static bool IsReordering(char c) =>
        c is '\u061c' or '\u200e' or '\u200f' or (>= '\u202a' and <= '\u202e') or (>= '\u2066' and <= '\u2069') or '\u2028' or '\u2029' or '\ufeff';
}

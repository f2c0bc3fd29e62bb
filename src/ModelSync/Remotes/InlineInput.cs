using System.Text;
using ModelSync.Processes;

namespace ModelSync.Remotes;

/// <summary>
/// A small stdin carried in the remote command line (<c>feed-input.sh</c> prints it into the script's stdin) instead of
/// over ssh's channel, where it flows only after the remote command has started: one round trip less per call.
/// </summary>
internal static class InlineInput
{
    /// <summary>
    /// At most this many characters of escapes: the whole command line is one argument to the remote shell, which
    /// Linux caps at 128 KiB (MAX_ARG_STRLEN); the scripts and their other arguments keep well below the rest.
    /// </summary>
    public const int MostEscapedChars = 32 * 1024;

    /// <summary>Prints its first argument into the stdin of the command its other arguments make.</summary>
    public static string Feed => field ??= ScriptFiles.Load("feed-input.sh");

    /// <summary><see cref="Feed"/>'s arguments that run <paramref name="script"/> with <paramref name="input"/> on its stdin; null when that is too big.</summary>
    public static IReadOnlyList<string>? FeedArguments(string script, IReadOnlyList<string> arguments, byte[] input) =>
        Escaped(input) is { } escaped ? [escaped, .. RemoteShell.Script(script, arguments)] : null;

    /// <summary><paramref name="input"/> as <see cref="Escape"/> writes it; null when that is more than <see cref="MostEscapedChars"/>.</summary>
    public static string? Escaped(byte[] input)
    {
        if (input.Length > MostEscapedChars) return null;
        var escaped = Escape(input);
        return escaped.Length > MostEscapedChars ? null : escaped;
    }

    /// <summary>
    /// <paramref name="bytes"/> as printf's %b reads them back: printable ASCII as it is, every other byte (and the
    /// backslash) as <c>\0NNN</c>. The single quote too: quoted into the command line it would take four characters,
    /// so an input of quotes would outgrow the cap the escapes are measured against.
    /// </summary>
    public static string Escape(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and < 0x7f and not ((byte)'\\' or (byte)'\'')) text.Append((char)b);
            else text.Append('\\').Append('0').Append((char)('0' + (b >> 6))).Append((char)('0' + ((b >> 3) & 7))).Append((char)('0' + (b & 7)));
        }
        return text.ToString();
    }
}

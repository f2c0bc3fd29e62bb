using System.Globalization;
using System.Text;
using ModelSync.Paths;

namespace ModelSync.Processes;

/// <summary>
/// .NET hands a child its arguments as UTF-8, so an argument holding a name that is not UTF-8 (see
/// <see cref="PathBytes"/>) would reach it with replacement characters. Such a command is started through
/// <c>/bin/sh</c> instead, each argument spelt in printf's octal escapes (ASCII only), and the shell execs the program
/// with the real bytes. A remote command line for ssh is one such argument, so a name reaches a server intact too.
/// </summary>
public static class ByteArguments
{
    /// <summary>Turns each argument back into bytes with printf <c>%b</c> (the <c>x</c> keeps trailing newlines), then execs them.</summary>
    internal static string Decoder => ScriptFiles.Load("decode-arguments.sh");

    /// <summary><paramref name="spec"/> itself when every argument is UTF-8; else the same command started through <see cref="Decoder"/>.</summary>
    public static ProcessSpec Protect(ProcessSpec spec) =>
        !PathBytes.HasEscapes(spec.FileName) && !spec.Arguments.Any(PathBytes.HasEscapes)
            ? spec
            : spec with { FileName = "/bin/sh", Arguments = ["-c", Decoder, "sh", Octal(spec.FileName), .. spec.Arguments.Select(Octal)] };

    /// <summary>The argument as printf <c>%b</c> reads it: printable ASCII but the backslash as itself, every other byte <c>\0ooo</c>.</summary>
    public static string Octal(string argument)
    {
        var text = new StringBuilder(argument.Length * 2);
        foreach (var b in PathBytes.Encode(argument))
        {
            if (b is >= 0x20 and < 0x7f && b != (byte)'\\') text.Append((char)b);
            else text.Append(CultureInfo.InvariantCulture, $@"\0{Convert.ToString(b, 8).PadLeft(3, '0')}");
        }
        return text.ToString();
    }
}

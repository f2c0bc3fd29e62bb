using System.Text;
using ModelSync.Paths;

namespace ModelSync.Cli;

/// <summary>
/// .NET decodes the command line as UTF-8 with replacement characters, so an argument naming a file whose name is
/// not UTF-8 (typed as bash's <c>$'w\xff'</c>, as model-sync prints such names in commands) would name another file.
/// Linux keeps the raw bytes in <c>/proc/self/cmdline</c>: each argument that lost bytes is taken from there instead,
/// decoded by <see cref="PathBytes"/>, once it is proven the same argument.
/// </summary>
public static class RawArguments
{
    public static string[] Recover(string[] args)
    {
        if (!args.Any(a => a.Contains('\uFFFD', StringComparison.Ordinal))) return args;
        byte[] cmdline;
        try
        {
            cmdline = File.ReadAllBytes("/proc/self/cmdline");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return args;
        }
        return Match(args, PathBytes.SplitNul(cmdline)[..^1]) ?? args;
    }

    /// <summary>
    /// The last <paramref name="args"/>.Length words of <paramref name="cmdline"/> (after the program, and the dotnet
    /// host's own words), when each decodes with replacement characters to its argument; else null.
    /// </summary>
    public static string[]? Match(string[] args, string[] cmdline)
    {
        if (cmdline.Length < args.Length) return null;
        var tail = cmdline[^args.Length..];
        for (var i = 0; i < args.Length; i++)
        {
            if (Encoding.UTF8.GetString(PathBytes.Encode(tail[i])) != args[i]) return null;
        }
        return tail;
    }
}

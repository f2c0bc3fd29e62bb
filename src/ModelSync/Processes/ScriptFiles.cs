using System.Collections.Concurrent;

namespace ModelSync.Processes;

/// <summary>
/// The POSIX sh scripts model-sync runs, here or on a server. They are <c>.sh</c> files in the source tree (a
/// <c>Scripts</c> folder beside the code that runs them), so shellcheck and dash check them (scripts/test.sh), and are
/// embedded in the assembly, which Native AOT keeps. Data never becomes part of a script's text: it arrives as
/// <c>$1…</c> or on stdin.
/// </summary>
public static class ScriptFiles
{
    private const string ResourcePrefix = "ModelSync.Scripts.";
    private static readonly ConcurrentDictionary<string, string> Loaded = new(StringComparer.Ordinal);

    /// <summary>The file names of every embedded script, e.g. <c>scan.sh</c>.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. typeof(ScriptFiles).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            .Select(n => n[ResourcePrefix.Length..])
            .Order(StringComparer.Ordinal),
    ];

    /// <summary>The texts of the scripts named, one after the other; each file is read from the assembly once.</summary>
    public static string Load(params string[] names) =>
        names.Length == 1 ? Loaded.GetOrAdd(names[0], Read) : string.Concat(names.Select(name => Loaded.GetOrAdd(name, Read)));

    /// <summary>
    /// For the trace: the name of the script <paramref name="arguments"/> run (as <c>sh -c</c>'s text here, or quoted
    /// into ssh's remote command), the last one when several are put together; null for any other process.
    /// </summary>
    public static string? NameIn(IReadOnlyList<string> arguments)
    {
        string? found = null;
        var end = -1;
        foreach (var argument in arguments)
        {
            foreach (var (name, text) in Loaded)
            {
                var at = argument.IndexOf(text, StringComparison.Ordinal);
                var length = text.Length;
                if (at < 0)
                {
                    var quoted = text.Replace("'", "'\\''", StringComparison.Ordinal);
                    at = argument.IndexOf(quoted, StringComparison.Ordinal);
                    length = quoted.Length;
                }
                if (at >= 0 && at + length > end) (found, end) = (name, at + length);
            }
            if (found is not null) return found;
        }
        return null;
    }

    private static string Read(string name)
    {
        var assembly = typeof(ScriptFiles).Assembly;
        using var stream = assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException(
                $"the shell script {name} is not embedded in {assembly.GetName().Name}: "
                + "ModelSync.csproj embeds every Scripts/*.sh, so the file is missing or misnamed");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

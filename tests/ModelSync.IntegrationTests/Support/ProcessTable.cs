using System.Text;

namespace ModelSync.IntegrationTests.Support;

/// <summary>The processes on this machine as /proc shows them: a test finds the ones a command started by what their command lines hold.</summary>
internal static class ProcessTable
{
    /// <summary>Every process's id, program (argv[0]) and command line (arguments joined by spaces), skipping those that end while read.</summary>
    public static IEnumerable<(int Pid, string Program, string Line)> Entries()
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || Read(Path.Join(dir, "cmdline")) is not { Length: > 0 } cmdline) continue;
            var arguments = cmdline.Split('\0');
            yield return (pid, Path.GetFileName(arguments[0]), string.Join(' ', arguments));
        }
    }

    /// <summary>A file of /proc; null when its process ended meanwhile.</summary>
    public static string? Read(string path)
    {
        try
        {
            return Encoding.UTF8.GetString(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

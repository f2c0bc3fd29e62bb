using System.Text;
using ModelSync.Text;

namespace ModelSync.Cli;

/// <summary>
/// How the user ran model-sync, for <see cref="ToolName"/>: the path scripts/model-sync.sh passes in
/// <see cref="WrapperVariable"/> (its <c>$0</c>), else the program's own argv[0] — read from /proc/self/cmdline because
/// .NET reports the dll or the resolved binary instead — and, when it runs under the dotnet host, plain model-sync.
/// A path that the bare name finds first on PATH is written as that bare name, so an installed tool prints <c>model-sync</c>.
/// </summary>
public static class InvokedAs
{
    public const string WrapperVariable = "MODEL_SYNC_INVOKED_AS";

    public static string Current()
    {
        var fromWrapper = Environment.GetEnvironmentVariable(WrapperVariable);
        var underDotnetHost = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet";
        var typed = !string.IsNullOrEmpty(fromWrapper) ? fromWrapper : underDotnetHost ? null : Argv0();
        return Resolve(typed, Environment.GetEnvironmentVariable("PATH"));
    }

    /// <summary>
    /// <paramref name="typed"/> as the user can type it again: the bare file name when the first match for it on
    /// <paramref name="pathVariable"/> is the same file, else as typed (a relative path stays relative).
    /// </summary>
    public static string Resolve(string? typed, string? pathVariable)
    {
        if (string.IsNullOrEmpty(typed)) return ToolName.Default;
        if (!typed.Contains('/', StringComparison.Ordinal)) return typed;
        var name = Path.GetFileName(typed);
        if (name.Length == 0) return typed;
        var found = (pathVariable ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Join(dir, name))
            .FirstOrDefault(File.Exists);
        return found is not null && SameFile(found, typed) ? name : typed;
    }

    private static bool SameFile(string a, string b) => FinalPath(a) == FinalPath(b);

    private static string FinalPath(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
        }
        catch (IOException)
        {
            return full;
        }
    }

    private static string? Argv0()
    {
        try
        {
            var cmdline = File.ReadAllBytes("/proc/self/cmdline");
            var end = Array.IndexOf(cmdline, (byte)0);
            return end > 0 ? Encoding.UTF8.GetString(cmdline, 0, end) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

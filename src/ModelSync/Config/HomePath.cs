namespace ModelSync.Config;

/// <summary>Expands a leading <c>~</c> against this machine's home directory.</summary>
public static class HomePath
{
    public static string Home =>
        Environment.GetEnvironmentVariable("HOME") is { Length: > 0 } home
            ? home
            : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);

    public static string Expand(string path) =>
        path == "~" ? Home
        : path.StartsWith("~/", StringComparison.Ordinal) ? Path.Join(Home, path[2..])
        : path;
}

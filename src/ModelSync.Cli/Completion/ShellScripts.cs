namespace ModelSync.Cli.Completion;

/// <summary>The completion scripts, kept as plain shell files next to this one and embedded in the assembly.</summary>
public static class ShellScripts
{
    public static string For(string shell)
    {
        using var stream = typeof(ShellScripts).Assembly.GetManifestResourceStream($"ModelSync.Cli.Completion.model-sync.{shell}")
            ?? throw new InvalidOperationException($"no embedded completion script for {shell}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

namespace ModelSync.Text;

/// <summary>
/// The words that start every command line model-sync prints (To sync, To retry, fixes), so each runs as printed: the
/// name the user ran it by — <c>./scripts/model-sync.sh</c> through the wrapper, <c>model-sync</c> from PATH — set once
/// by the CLI at start (<see cref="Use"/>). Library code that prints a command starts it with <see cref="Command"/>.
/// </summary>
public static class ToolName
{
    public const string Default = "model-sync";

    /// <summary>The tool's name as a shell word, quoted when a shell would misread it.</summary>
    public static string Command { get; private set; } = Default;

    public static void Use(string invokedAs) => Command = ShellWords.Quote(invokedAs);

    /// <summary><see cref="Command"/> followed by <paramref name="words"/>, each quoted as needed.</summary>
    public static string With(IEnumerable<string> words) => Command + " " + ShellWords.Join(words);
}

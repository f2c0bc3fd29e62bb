using System.CommandLine;

namespace ModelSync.Cli.Completion;

/// <summary>What is being completed: a subcommand, an option name, an option's value or a positional argument.</summary>
public enum CompletionTarget
{
    Subcommand,
    OptionName,
    OptionValue,
    Argument,
}

/// <summary>
/// Where the cursor is in a partly typed command line, worked out from the command tree itself, so new commands
/// and options complete without a list to keep up to date.
/// </summary>
public sealed record CompletionRequest(Command Command, CompletionTarget Target, string Word, Option? Option, Argument? Argument, IReadOnlyList<string> Words)
{
    /// <summary>
    /// Reads <paramref name="words"/> (after the program name; the last one is the word under the cursor, maybe
    /// empty) against the tree under <paramref name="root"/>.
    /// </summary>
    public static CompletionRequest Parse(Command root, IReadOnlyList<string> words)
    {
        var word = words.Count == 0 ? "" : words[^1];
        var command = root;
        var positional = 0;
        Option? pendingValue = null;
        var endOfOptions = false;
        foreach (var typed in words.Take(Math.Max(0, words.Count - 1)))
        {
            if (pendingValue is not null)
            {
                pendingValue = null;
                continue;
            }
            if (!endOfOptions && typed == "--")
            {
                endOfOptions = true;
                continue;
            }
            if (!endOfOptions && typed.StartsWith('-'))
            {
                var option = Find(command, typed.Split('=', 2)[0]);
                if (option is not null && TakesValue(option) && !typed.Contains('=', StringComparison.Ordinal)) pendingValue = option;
                continue;
            }
            var sub = positional == 0 ? command.Subcommands.FirstOrDefault(c => c.Name == typed || c.Aliases.Contains(typed)) : null;
            if (sub is not null) command = sub;
            else positional++;
        }

        if (pendingValue is not null) return new(command, CompletionTarget.OptionValue, word, pendingValue, null, words);
        if (!endOfOptions && word.StartsWith('-')) return new(command, CompletionTarget.OptionName, word, null, null, words);
        if (positional == 0 && command.Subcommands.Any(c => !c.Hidden)) return new(command, CompletionTarget.Subcommand, word, null, null, words);
        return new(command, CompletionTarget.Argument, word, null, ArgumentAt(command, positional), words);
    }

    /// <summary>Every option that applies to <paramref name="command"/>: its own and the recursive ones above it.</summary>
    public static IEnumerable<Option> OptionsOf(Command command)
    {
        var own = command.Options.Where(o => !o.Hidden);
        var inherited = command.Parents.OfType<Command>().SelectMany(p => OptionsOf(p)).Where(o => o.Recursive);
        return own.Concat(inherited).Distinct();
    }

    private static Option? Find(Command command, string name) =>
        OptionsOf(command).FirstOrDefault(o => o.Name == name || o.Aliases.Contains(name));

    private static bool TakesValue(Option option) => option.ValueType != typeof(bool) && option.Arity.MaximumNumberOfValues > 0;

    /// <summary>The argument the <paramref name="index"/>th positional word fills; a trailing many-valued one takes the rest.</summary>
    private static Argument? ArgumentAt(Command command, int index)
    {
        foreach (var argument in command.Arguments)
        {
            var max = argument.Arity.MaximumNumberOfValues;
            if (index < max) return argument;
            index -= max;
        }
        return null;
    }
}

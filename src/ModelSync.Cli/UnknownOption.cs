using System.CommandLine;
using System.CommandLine.Parsing;
using ModelSync.Text;

namespace ModelSync.Cli;

/// <summary>
/// System.CommandLine hands a word it does not know as an option to the next argument that has room for it, so
/// <c>diff ./m reaper --quiet</c> would reach the handler with '--quiet' as a server. This finds such a word first, so
/// the error names the option and the command it was given to.
/// </summary>
public static class UnknownOption
{
    /// <summary>
    /// Arguments whose words belong to another program, after as many leading words of ours as given:
    /// <c>exec reaper ls -la</c> runs 'ls -la'; completion is handed the words of a command line being typed.
    /// </summary>
    private static readonly Dictionary<(string Command, string Argument), int> PassedOn = new()
    {
        [("exec", "command")] = 1,
        [(Completion.CompletionCommands.CompleteName, "words")] = 0,
    };

    /// <summary>The first word of <paramref name="parse"/> that looks like an option and is none of its command's, or null.</summary>
    public static string? Find(ParseResult parse)
    {
        var afterDoubleDash = WordsAfterDoubleDash(parse);
        var command = parse.CommandResult;
        var bound = command.Children.OfType<ArgumentResult>()
            .SelectMany(a => a.Tokens.Take(PassedOn.GetValueOrDefault((command.Command.Name, a.Argument.Name), int.MaxValue)))
            .Where(t => !afterDoubleDash.Contains(t))
            .Select(t => t.Value);
        var unmatched = parse.UnmatchedTokens.Where(w => !afterDoubleDash.Any(t => t.Value == w));
        return bound.Concat(unmatched).FirstOrDefault(LooksLikeOption);
    }

    /// <summary>One line: the option, the command, and the closest option that command has, if one is close.</summary>
    public static string Message(string option, Command command)
    {
        var closest = Suggestions.Closest(option, OptionNames(command));
        var hint = closest is null ? "" : $" — did you mean '{closest}'?";
        var owner = command is RootCommand ? "model-sync" : command.Name;
        return $"unknown option '{option}' for {owner}{hint}";
    }

    /// <summary>Every name a shown option of <paramref name="command"/> answers to, its own and the recursive ones of its parents.</summary>
    public static IEnumerable<string> OptionNames(Command command)
    {
        var options = command.Options.Where(o => !o.Hidden);
        foreach (var parent in command.Parents.OfType<Command>()) options = options.Concat(parent.Options.Where(o => o.Recursive && !o.Hidden));
        return options.SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct(StringComparer.Ordinal);
    }

    /// <summary>'-' alone is a path people use for stdin; '-1' is a number. Anything else starting with '-' is meant as an option.</summary>
    private static bool LooksLikeOption(string word) =>
        word.Length > 1 && word[0] == '-' && !double.TryParse(word, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static HashSet<Token> WordsAfterDoubleDash(ParseResult parse)
    {
        var after = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var seen = false;
        foreach (var token in parse.Tokens)
        {
            if (seen) after.Add(token);
            else if (token.Type == TokenType.DoubleDash) seen = true;
        }
        return after;
    }
}

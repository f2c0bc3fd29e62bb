using System.CommandLine;
using ModelSync.Paths;
using ModelSync.Text;

namespace ModelSync.Cli.Commands;

/// <summary>The command line to run again for the servers that failed: the same words, with only those servers as targets.</summary>
public static class RetryCommand
{
    public static string? For(ParseResult parse, Argument<string[]> targets, IReadOnlyList<RemoteSpec> failed)
    {
        if (failed.Count == 0) return null;
        var targetTokens = parse.GetResult(targets)?.Tokens ?? [];
        var words = new List<string>();
        var replaced = false;
        foreach (var token in parse.Tokens)
        {
            if (!targetTokens.Any(t => ReferenceEquals(t, token)))
            {
                words.Add(token.Value);
                continue;
            }
            if (!replaced) words.AddRange(failed.Select(f => f.ToString()));
            replaced = true;
        }
        return ToolName.With(words);
    }
}

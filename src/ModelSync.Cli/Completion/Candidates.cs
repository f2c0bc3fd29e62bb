using System.CommandLine;
using ModelSync.Config;

namespace ModelSync.Cli.Completion;

/// <summary>
/// The words offered at a <see cref="CompletionRequest"/>. Commands and options come from the tree; positional
/// arguments by their name: <c>alias</c> takes an alias from the config, <c>source</c>/<c>target</c>/<c>remote</c>
/// take <c>alias:</c> and then the names under that alias's model_base, <c>local</c> (and <c>--config</c>) a file
/// here. <see cref="Files"/> asks the shell to add its own file names.
/// </summary>
public static class Candidates
{
    /// <summary>Printed as the last line when the shell should offer file names too.</summary>
    public const string Files = "::files";

    private static readonly HashSet<string> AliasArguments = ["alias"];
    private static readonly HashSet<string> RemoteArguments = ["source", "target", "remote", "local-or-remote"];
    private static readonly HashSet<string> LocalArguments = ["local", "local-or-remote"];
    private static readonly HashSet<string> FileOptions = ["--config"];

    public static async Task<IReadOnlyList<string>> ForAsync(
        CompletionRequest request,
        Func<ModelSyncConfig> config,
        Func<ModelSyncConfig, string, CancellationToken, Task<IReadOnlyList<string>>> remoteNames,
        CancellationToken cancellationToken)
    {
        var word = request.Word;
        IEnumerable<string> found = request.Target switch
        {
            CompletionTarget.Subcommand => request.Command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name),
            CompletionTarget.OptionName => CompletionRequest.OptionsOf(request.Command)
                .SelectMany(o => o.Aliases.Prepend(o.Name))
                .Where(n => n.StartsWith("--", StringComparison.Ordinal) || n.Length == 2 && n[0] == '-' && char.IsLetter(n[1])),
            CompletionTarget.OptionValue => FileOptions.Contains(request.Option!.Name) ? [Files] : [],
            _ => await ArgumentAsync(request.Argument, word, config, remoteNames, cancellationToken),
        };
        return found.Where(c => c == Files || c.StartsWith(word, StringComparison.Ordinal)).Distinct().ToList();
    }

    private static async Task<IEnumerable<string>> ArgumentAsync(
        Argument? argument,
        string word,
        Func<ModelSyncConfig> config,
        Func<ModelSyncConfig, string, CancellationToken, Task<IReadOnlyList<string>>> remoteNames,
        CancellationToken cancellationToken)
    {
        if (argument is null) return [];
        var name = argument.Name;
        var files = LocalArguments.Contains(name) ? new[] { Files } : [];
        if (AliasArguments.Contains(name)) return config().Servers.Keys;
        if (!RemoteArguments.Contains(name)) return files;
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return config().Servers.Keys.Select(a => a + ":").Concat(files);
        var alias = word[..colon];
        var names = await remoteNames(config(), alias, cancellationToken);
        return names.Select(n => $"{alias}:{n}");
    }
}

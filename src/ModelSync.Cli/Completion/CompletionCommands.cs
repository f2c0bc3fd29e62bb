using System.CommandLine;
using ModelSync.Cli.Commands;
using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Resolve;

namespace ModelSync.Cli.Completion;

/// <summary>
/// <c>completion bash|zsh</c> prints a script for the shell; the script asks the hidden <c>__complete</c> for the
/// words to offer, so commands, options and aliases always match this build and this config.
/// </summary>
public static class CompletionCommands
{
    public const string CompleteName = "__complete";

    /// <summary>How long the hidden command may spend listing a server's model names before it gives up silently.</summary>
    private static readonly TimeSpan RemoteBudget = TimeSpan.FromSeconds(6);

    public static Command Completion()
    {
        var shell = new Argument<string>("shell") { Description = "bash or zsh" };
        shell.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (value is not ("bash" or "zsh")) result.AddError($"no completion for shell '{value}': bash and zsh are supported");
        });
        var command = new Command("completion", """
            Print the shell completion script (commands, options, aliases, server model names for alias:).
            Example: model-sync completion bash > ~/.local/share/bash-completion/completions/model-sync
                     model-sync completion zsh > ~/.zfunc/_model-sync   # a directory on $fpath
            """) { shell };
        command.SetAction(parse =>
        {
            Console.Out.Write(ShellScripts.For(parse.GetValue(shell)!));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>
    /// <c>__complete -- WORD…</c>: the words after the program name, the last one under the cursor. Prints one
    /// candidate per line; prints nothing (and exits 0) on any failure, so a broken config or an unreachable server
    /// never disturbs the shell.
    /// </summary>
    public static Command Complete()
    {
        var words = new Argument<string[]>("words") { Arity = ArgumentArity.ZeroOrMore };
        var command = new Command(CompleteName) { Hidden = true };
        command.Arguments.Add(words);
        command.SetAction(async (parse, ct) =>
        {
            var request = CompletionRequest.Parse(Cli.Build(), parse.GetValue(words) ?? []);
            try
            {
                var found = await Candidates.ForAsync(request, () => ConfigFor(request), RemoteNamesAsync, ct);
                foreach (var candidate in found) Console.Out.WriteLine(candidate);
            }
            catch (Exception e) when (e is ModelSyncException or IOException or OperationCanceledException or UnauthorizedAccessException)
            {
                // Nothing to offer: completion stays quiet.
            }
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The config the completed command line would use (its own <c>--config</c>, else the usual places).</summary>
    private static ModelSyncConfig ConfigFor(CompletionRequest request)
    {
        var typed = Cli.Parse(request.Words.Take(request.Words.Count - 1).ToArray());
        return ConfigLoader.Load(typed.GetValue(GlobalOptions.Config), Environment.GetEnvironmentVariable(ConfigLoader.EnvironmentVariable));
    }

    /// <summary>The names directly under <paramref name="aliasName"/>'s model_base, with a short ssh connect timeout.</summary>
    private static async Task<IReadOnlyList<string>> RemoteNamesAsync(ModelSyncConfig config, string aliasName, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(RemoteBudget);
        var alias = config.Alias(aliasName);
        // ssh keeps the first value it sees, so this one wins over the usual 10 s.
        var hurried = alias with { SshOptions = [new("ConnectTimeout", "3"), .. alias.SshOptions] };
        var servers = config.Servers.ToDictionary(s => s.Key, s => s.Key == alias.Name ? hurried : s.Value);
        await using var session = new RemoteSession(config with { Servers = servers }, CliContext.Runner);
        var server = await session.ConnectAsync(alias.Name, requireRsync: false, budget.Token);
        var catalog = await ModelBaseCatalog.ScanAsync(server, config.Naming.Pattern, budget.Token);
        return catalog.Entries.Select(e => e.Name).Order(StringComparer.Ordinal).ToList();
    }
}

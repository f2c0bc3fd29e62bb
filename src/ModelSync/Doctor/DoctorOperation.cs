using ModelSync.Config;
using ModelSync.Processes;

namespace ModelSync.Doctor;

/// <summary>What <c>doctor</c> is asked: the config as every command finds it, and which aliases (none: all).</summary>
public sealed record DoctorRequest(string? ConfigPath, string? EnvironmentConfigPath, IReadOnlyList<string> Aliases);

/// <summary>
/// <c>doctor</c>: checks, in order, everything a push or pull needs — the config, ssh and rsync here, then each
/// alias (see <see cref="ServerChecks"/>). Every problem becomes a row with its fix rather than an exception; only an
/// unknown alias name is a usage error. Servers are checked in parallel; rows keep the order of the aliases.
/// </summary>
public static class DoctorOperation
{
    public static async Task<DoctorResult> RunAsync(DoctorRequest request, IProcessRunner runner, CancellationToken cancellationToken)
    {
        var (config, configCheck) = LocalToolChecks.Config(request.ConfigPath, request.EnvironmentConfigPath);
        var aliases = config is null ? [] : Select(config, request.Aliases);
        var checks = new List<DoctorCheck>
        {
            configCheck,
            await LocalToolChecks.SshAsync(runner, cancellationToken),
            await LocalToolChecks.RsyncAsync(runner, cancellationToken),
        };
        var agent = aliases.Any(a => !a.IsLocal)
            ? await SshAgentState.QueryAsync(runner, cancellationToken)
            : new SshAgentState(0, "not needed");
        var configFile = config?.Source ?? "~/.model-sync.yaml";
        var hash = config?.Defaults.Hash ?? ModelSync.Hashing.HashFunction.Sha256;
        var perAlias = await Task.WhenAll(aliases.Select(alias => alias.IsLocal
            ? ServerChecks.LocalAsync(alias, configFile, hash, runner, cancellationToken)
            : ServerChecks.RemoteAsync(alias, agent, configFile, hash, runner, cancellationToken)));
        checks.AddRange(perAlias.SelectMany(c => c));
        return new DoctorResult(checks);
    }

    /// <summary>The named aliases in the order given (an unknown name is a usage error), or every alias: servers first, then by name.</summary>
    public static IReadOnlyList<ServerAlias> Select(ModelSyncConfig config, IReadOnlyList<string> names) =>
        names.Count == 0
            ? config.Servers.Values.OrderBy(a => a.IsLocal).ThenBy(a => a.Name, StringComparer.Ordinal).ToList()
            : names.Distinct(StringComparer.Ordinal).Select(config.Alias).ToList();
}

using ModelSync.Config;
using ModelSync.Errors;

namespace ModelSync.Remotes;

/// <summary>One line, with the fix, for a source server that cannot log in to the target of <c>copy --direct</c>.</summary>
public static class DirectFailure
{
    public static ModelSyncException Classify(ServerAlias source, DirectRoute route, bool agentForwarded, string stderr)
    {
        var (from, to) = (source.Name, route.Target.Name);
        var prefix = $"{from} cannot reach {to} ({route.Display}) for copy --direct";
        bool Has(string s) => stderr.Contains(s, StringComparison.OrdinalIgnoreCase);
        const string Relay = "or copy without --direct (relay through this machine)";
        if (Has("Host key verification failed") || Has("No matching host key") || Has("host key is known"))
            return new ModelSyncException($"{prefix}: {to}'s host key is not known on {from}", ExitCodes.Failed,
                $"on {from}, run `{route.ManualLogin} true` once and accept the key, or set servers.{to}.direct.ssh_options.StrictHostKeyChecking: accept-new; {Relay}");
        if (Has("Permission denied") || Has("Too many authentication failures"))
            return new ModelSyncException($"{prefix}: authentication failed{(agentForwarded ? " (with your agent forwarded)" : "")}", ExitCodes.Failed,
                agentForwarded
                    ? $"check `ssh-add -l` lists a key {to} accepts; {Relay}"
                    : $"authorize {from}'s own key on {to}, or set forward_agent: true on {from} to lend it your ssh agent; {Relay}");
        if (Has("Could not resolve hostname") || Has("Name or service not known") || Has("Connection refused") || Has("timed out")
            || Has("No route to host") || Has("Network is unreachable"))
            return new ModelSyncException($"{prefix}: {SshFailure.LastLine(stderr)}", ExitCodes.Failed,
                $"set servers.{to}.direct.host (and port) to the address {from} knows it by; {Relay}");
        return new ModelSyncException($"{prefix}: {SshFailure.LastLine(stderr)}", ExitCodes.Failed, $"try `{route.ManualLogin} true` on {from}; {Relay}");
    }
}

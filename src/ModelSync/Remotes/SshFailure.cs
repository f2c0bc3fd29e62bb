using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Text;

namespace ModelSync.Remotes;

/// <summary>Turns what ssh printed when it exited 255 into one line that says what to do.</summary>
public static class SshFailure
{
    public static ModelSyncException Classify(ServerAlias alias, string stderr)
    {
        var where = $"{alias.Host}:{alias.Port ?? 22}";
        var text = stderr.Trim();
        bool Has(string s) => text.Contains(s, StringComparison.OrdinalIgnoreCase);
        if (Has("Could not resolve hostname") || Has("Name or service not known"))
            return new ModelSyncException($"cannot resolve host '{alias.Host}' of server '{alias.Name}'", ExitCodes.Failed,
                $"check host: in the config or your DNS / ~/.ssh/config; run `{ToolName.Command} servers --check`");
        if (Has("Unable to negotiate"))
            return new ModelSyncException($"ssh and {where} ('{alias.Name}') share no algorithm: {LastLine(text)}", ExitCodes.Failed,
                "the server is old: allow what it offers in ssh_options, e.g. HostKeyAlgorithms: +ssh-rsa");
        if (Has("REMOTE HOST IDENTIFICATION HAS CHANGED"))
            return new ModelSyncException($"the host key of {where} ('{alias.Name}') has changed", ExitCodes.Failed,
                "if the server was reinstalled, remove the old key with `ssh-keygen -R` and connect once with ssh");
        if (Has("Host key verification failed") || Has("host key is known") || Has("No matching host key"))
            return new ModelSyncException($"the host key of {where} ('{alias.Name}') is not known", ExitCodes.Failed,
                $"connect once with `ssh {SshTarget(alias)}` to accept it, or set ssh_options: StrictHostKeyChecking: accept-new");
        if (Has("Permission denied") || Has("Too many authentication failures") || Has("no such identity"))
            return new ModelSyncException($"authentication to {where} ('{alias.Name}') failed", ExitCodes.Failed,
                "check `ssh-add -l` lists your key, or set ssh_key: in the config to a key the server accepts");
        if (Has("Connection refused") || Has("timed out") || Has("No route to host") || Has("Network is unreachable")
            || Has("Connection closed") || Has("Connection reset"))
            return new ModelSyncException($"cannot reach {where} ('{alias.Name}'): {LastLine(text)}", ExitCodes.Failed,
                $"check the host and port, and that sshd runs there; run `{ToolName.Command} servers --check`") { Transient = true };
        return new ModelSyncException($"ssh to {where} ('{alias.Name}') failed: {LastLine(text)}", ExitCodes.Failed,
            $"run `{ToolName.Command} servers --check`") { Transient = true };
    }

    private static string SshTarget(ServerAlias alias) =>
        (alias.Port is { } p ? $"-p {p} " : "") + (alias.User is { } u ? u + "@" : "") + alias.Host;

    internal static string LastLine(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "no message" : lines[^1];
    }
}

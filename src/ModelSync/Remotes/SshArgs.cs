using ModelSync.Config;

namespace ModelSync.Remotes;

/// <summary>Pure builders for the OpenSSH client's argument list.</summary>
public static class SshArgs
{
    /// <summary>
    /// Options for every ssh call to <paramref name="alias"/>, without the destination. The user's
    /// <c>ssh_options</c> come before ours because ssh keeps the first value it sees for each option;
    /// BatchMode stays first so no prompt can ever hang a command.
    /// </summary>
    public static IReadOnlyList<string> Options(ServerAlias alias, string? controlPath, bool startMaster, IReadOnlyList<string>? tuning = null)
    {
        var args = new List<string> { "-o", "BatchMode=yes" };
        if (controlPath is not null)
        {
            args.AddRange(["-o", "ControlPath=" + controlPath]);
            args.AddRange(["-o", startMaster ? "ControlMaster=auto" : "ControlMaster=no"]);
            if (startMaster) args.AddRange(["-o", "ControlPersist=60"]);
        }
        foreach (var (key, value) in alias.SshOptions) args.AddRange(["-o", $"{key}={value}"]);
        if (tuning is not null) args.AddRange(tuning);
        args.AddRange(["-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3"]);
        if (alias.Port is { } port) args.AddRange(["-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (alias.SshKey is { } key2) args.AddRange(["-i", key2]);
        if (alias.User is { } user) args.AddRange(["-l", user]);
        return args;
    }

    /// <summary>A full ssh invocation that runs <paramref name="remoteCommand"/> (already quoted) on the alias.</summary>
    public static IReadOnlyList<string> Command(IReadOnlyList<string> options, string host, string remoteCommand) =>
        [.. options, "--", host, remoteCommand];

    /// <summary>Closes the shared connection.</summary>
    public static IReadOnlyList<string> ExitMaster(string controlPath, string host) =>
        ["-o", "ControlPath=" + controlPath, "-O", "exit", "--", host];
}

using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Processes;
using ModelSync.Text;

namespace ModelSync.Doctor;

/// <summary>What <c>ssh-add -l</c> said: how many keys the agent holds, in words for a result cell.</summary>
public sealed record SshAgentState(int Keys, string Description)
{
    public static async Task<SshAgentState> QueryAsync(IProcessRunner runner, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LocalToolChecks.Timeout);
        try
        {
            var result = await runner.RunAsync(new ProcessSpec("ssh-add", ["-l"]), timeout.Token);
            return FromExit(result.ExitCode, result.StdoutText);
        }
        catch (ModelSyncException)
        {
            return new SshAgentState(0, "ssh-add is not installed");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SshAgentState(0, "ssh-agent does not answer");
        }
    }

    /// <summary><c>ssh-add -l</c> exits 0 listing keys, 1 when the agent holds none, 2 when there is no agent.</summary>
    public static SshAgentState FromExit(int exitCode, string stdout)
    {
        if (exitCode != 0) return new SshAgentState(0, exitCode == 1 ? "ssh-agent holds no keys" : "no ssh-agent running");
        var keys = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length;
        return new SshAgentState(keys, $"ssh-agent holds {Human.Count(keys, "key")}");
    }
}

/// <summary>
/// The ssh key row: the alias's <c>ssh_key</c> must be a readable private key that only its owner can access
/// (ssh ignores one that group or others may read); without <c>ssh_key</c>, the agent must hold a key or one of
/// ssh's default keys must exist.
/// </summary>
public static class SshKeyCheck
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>ssh's own rule (<c>UNPROTECTED PRIVATE KEY FILE</c>): no permission bit for group or others.</summary>
    public static bool IsSafe(UnixFileMode mode) => (mode & GroupOrOthers) == 0;

    /// <summary><c>0600</c>, as <c>ls</c> and <c>chmod</c> write it.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0xFFF, 8).PadLeft(4, '0');

    /// <summary>True for the first line of an OpenSSH public key (<c>ssh-ed25519 AAAA…</c>), which ssh_key must not name.</summary>
    public static bool LooksLikePublicKey(string firstLine) =>
        firstLine.StartsWith("ssh-", StringComparison.Ordinal) || firstLine.StartsWith("ecdsa-", StringComparison.Ordinal)
        || firstLine.StartsWith("sk-", StringComparison.Ordinal);

    public static DoctorCheck Check(ServerAlias alias, SshAgentState agent, SshSettings? settings, string configFile)
    {
        var server = alias.Name;
        if (alias.SshKey is { } key) return KeyFile(server, key, $"ssh_key {key}", configFile);
        if (agent.Keys > 0) return DoctorStep.SshKey.Ok(server, agent.Description);
        foreach (var identity in settings?.IdentityFiles ?? [])
        {
            var path = HomePath.Expand(identity);
            if (File.Exists(path)) return KeyFile(server, path, $"no ssh_key, {agent.Description}; ssh offers {path}", configFile);
        }
        return DoctorStep.SshKey.Fail(server,
            $"no key: no ssh_key for '{server}', {agent.Description}, and none of ssh's default keys (~/.ssh/id_ed25519, ~/.ssh/id_rsa, …) exists",
            $"set ssh_key: for '{server}' in {configFile}, or load a key with `ssh-add <key>`; no key yet: `ssh-keygen -t ed25519`, then `ssh-copy-id` it to the server");
    }

    public static DoctorCheck KeyFile(string server, string path, string what, string configFile)
    {
        if (!File.Exists(path))
            return DoctorStep.SshKey.Fail(server, $"{what}: no such file",
                $"point ssh_key of '{server}' at your private key in {configFile}");
        string firstLine;
        try
        {
            using var reader = new StreamReader(path);
            firstLine = reader.ReadLine() ?? "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return DoctorStep.SshKey.Fail(server, $"{what}: cannot read it ({e.Message})",
                $"make it readable by its owner only, as that user: `chmod 600 {path}`");
        }
        if (LooksLikePublicKey(firstLine))
            return DoctorStep.SshKey.Fail(server, $"{what} is a public key",
                $"point ssh_key of '{server}' at the private key{(path.EndsWith(".pub", StringComparison.Ordinal) ? $" ({path[..^4]})" : "")} in {configFile}");
        if (OperatingSystem.IsWindows()) return DoctorStep.SshKey.Ok(server, what);
        var mode = File.GetUnixFileMode(path);
        return IsSafe(mode)
            ? DoctorStep.SshKey.Ok(server, $"{what} (mode {Octal(mode)})")
            : DoctorStep.SshKey.Fail(server, $"{what} has mode {Octal(mode)}: ssh ignores a private key that group or others can access",
                $"`chmod 600 {path}`");
    }
}

using ModelSync.Config;
using ModelSync.Processes;

namespace ModelSync.Remotes;

/// <summary>
/// The settings ssh itself would use for a host, as <c>ssh -G</c> prints them without connecting: after the alias's
/// <c>ssh_options</c>, <c>~/.ssh/config</c> and the system's config, one <c>key value</c> line each (keys in lower
/// case, a key such as <c>identityfile</c> on several lines).
/// </summary>
public sealed class SshConfig
{
    private readonly List<(string Key, string Value)> _settings = [];

    public SshConfig(string output)
    {
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0) _settings.Add((line[..space], line[(space + 1)..].Trim()));
        }
    }

    /// <summary>What ssh would use for <paramref name="alias"/> (a server: its host and ssh options).</summary>
    public static ProcessSpec Query(ServerAlias alias) =>
        new("ssh", ["-G", .. SshArgs.Options(alias, null, startMaster: false), "--",
            alias.Host ?? throw new ArgumentException($"{alias.Name} is a local alias: ssh has nothing to say about it", nameof(alias))]);

    /// <summary>What ssh would use for <paramref name="host"/> reading no config file: its built-in defaults.</summary>
    public static ProcessSpec BuiltInQuery(string host) => new("ssh", ["-G", "-F", "/dev/null", "--", host]);

    /// <summary>The answer to a query; null when ssh refused it (an unreadable config, an unknown option) or never ran.</summary>
    public static SshConfig? From(ProcessResult? result) => result is { ExitCode: 0 } ? new SshConfig(result.StdoutText) : null;

    /// <summary>The first value of <paramref name="key"/> (any case), e.g. <c>ciphers</c> → <c>chacha20-poly1305@openssh.com,…</c>.</summary>
    public string? Get(string key) => All(key).FirstOrDefault();

    /// <summary>Every value of <paramref name="key"/> (any case), in ssh's order.</summary>
    public IEnumerable<string> All(string key) =>
        _settings.Where(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase)).Select(s => s.Value);
}

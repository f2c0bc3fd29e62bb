using System.Globalization;
using System.Text;
using ModelSync.IntegrationTests.Fixtures;

namespace ModelSync.IntegrationTests.Support;

/// <summary>One server alias for a hand-written config. <see cref="Host"/> null: a local directory alias.</summary>
public sealed record AliasSpec(string Name, string ModelBase)
{
    public string? Host { get; init; }

    public int? Port { get; init; }

    public string? User { get; init; }

    public string? SshKey { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> SshOptions { get; init; } = [];

    /// <summary>More YAML lines for the alias (local_path, direct, …), indented relative to its keys.</summary>
    public IReadOnlyList<string> Raw { get; init; } = [];
}

/// <summary>
/// The one writer of model-sync YAML configs in the integration tests: the fixture's standard config
/// (<see cref="SshdFixture.WriteConfig"/>) and any aliases a test needs (another model_base, a closed port,
/// another key, another known_hosts file).
/// </summary>
public static class TestConfig
{
    /// <summary>An alias on the fixture's sshd, logging in exactly as the fixture's own aliases do.</summary>
    public static AliasSpec Ssh(SshdFixture sshd, string name, string modelBase) => new(name, modelBase)
    {
        Host = "127.0.0.1",
        Port = sshd.Port,
        User = sshd.UserName,
        SshKey = sshd.ClientKeyPath,
        SshOptions =
        [
            new("UserKnownHostsFile", sshd.KnownHostsPath),
            new("StrictHostKeyChecking", "yes"),
        ],
    };

    /// <summary>Writes the config into <paramref name="directory"/> under a unique name and returns its path.</summary>
    public static string Write(string directory, params AliasSpec[] aliases) => Write(directory, aliases, extraYaml: null);

    /// <summary>As above, with <paramref name="extraYaml"/> appended raw after the <c>defaults:</c> block.</summary>
    public static string Write(string directory, IReadOnlyList<AliasSpec> aliases, string? extraYaml)
    {
        var sb = new StringBuilder("servers:\n");
        foreach (var alias in aliases)
        {
            sb.Append("  ").Append(alias.Name).Append(":\n");
            if (alias.Host is not null) sb.Append("    host: ").Append(alias.Host).Append('\n');
            if (alias.User is not null) sb.Append("    user: ").Append(YamlQuote(alias.User)).Append('\n');
            if (alias.Port is { } port) sb.Append("    port: ").Append(port.ToString(CultureInfo.InvariantCulture)).Append('\n');
            sb.Append("    model_base: ").Append(YamlQuote(alias.ModelBase)).Append('\n');
            if (alias.SshKey is not null) sb.Append("    ssh_key: ").Append(YamlQuote(alias.SshKey)).Append('\n');
            if (alias.SshOptions.Count > 0)
            {
                sb.Append("    ssh_options:\n");
                foreach (var (key, value) in alias.SshOptions) sb.Append("      ").Append(key).Append(": ").Append(YamlQuote(value)).Append('\n');
            }

            foreach (var line in alias.Raw) sb.Append("    ").Append(line).Append('\n');
        }

        sb.Append("defaults:\n  verify: true\n  compress: false\n  delete: false\n");
        if (!string.IsNullOrEmpty(extraYaml)) sb.Append(extraYaml).Append(extraYaml.EndsWith('\n') ? "" : "\n");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>
    /// <c>direct:</c> lines letting another server log in to <paramref name="server"/>: its host key, and its key
    /// file (the servers share this machine's file system, so the file is "on" the source server too).
    /// </summary>
    public static IReadOnlyList<string> DirectAccess(SshdFixture server, bool withKey = true) =>
    [
        "direct:",
        "  ssh_options:",
        "    UserKnownHostsFile: " + YamlQuote(server.KnownHostsPath),
        "    StrictHostKeyChecking: 'yes'",
        .. withKey ? new[] { "    IdentityFile: " + YamlQuote(server.ClientKeyPath), "    IdentitiesOnly: 'yes'" } : [],
    ];

    /// <summary>A YAML single-quoted scalar: only <c>'</c> needs escaping, as <c>''</c> (not a shell word: see SingleQuoted.Word).</summary>
    public static string YamlQuote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}

using System.Globalization;
using ModelSync.Remotes;

namespace ModelSync.Doctor;

/// <summary>
/// The settings ssh itself would use for an alias (<see cref="SshConfig"/>), so <c>~/.ssh/config</c> (HostName, Port, User,
/// IdentityFile, ProxyJump) is honoured by the network checks as it is by every ssh call.
/// </summary>
public sealed record SshSettings(string HostName, int Port, string? User, IReadOnlyList<string> IdentityFiles, string? Proxy)
{
    public static SshSettings? Parse(string output) => From(new SshConfig(output));

    public static SshSettings? From(SshConfig config)
    {
        if (config.Get("hostname") is not { } host) return null;
        var port = int.TryParse(config.Get("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 22;
        var jump = config.Get("proxyjump") is { } j && !IsNone(j) ? "ProxyJump " + j : null;
        var command = config.Get("proxycommand") is { } c && !IsNone(c) ? "ProxyCommand " + c : null;
        return new SshSettings(host, port, config.Get("user"), [.. config.All("identityfile")], jump ?? command);
    }

    private static bool IsNone(string value) => string.Equals(value, "none", StringComparison.OrdinalIgnoreCase);
}

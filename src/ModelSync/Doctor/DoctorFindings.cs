using System.Globalization;

namespace ModelSync.Doctor;

/// <summary>
/// The settings ssh itself would use for an alias (<c>ssh -G</c>), so <c>~/.ssh/config</c> (HostName, Port, User,
/// IdentityFile, ProxyJump) is honoured by the network checks as it is by every ssh call.
/// </summary>
public sealed record SshSettings(string HostName, int Port, string? User, IReadOnlyList<string> IdentityFiles, string? Proxy)
{
    public static SshSettings? Parse(string output)
    {
        string? host = null, user = null, proxy = null;
        int? port = null;
        var identities = new List<string>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0) continue;
            var key = line[..space].ToUpperInvariant();
            var value = line[(space + 1)..].Trim();
            switch (key)
            {
                case "HOSTNAME": host = value; break;
                case "USER": user = value; break;
                case "PORT" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var p): port = p; break;
                case "IDENTITYFILE": identities.Add(value); break;
                case "PROXYJUMP" or "PROXYCOMMAND" when !string.Equals(value, "none", StringComparison.OrdinalIgnoreCase):
                    proxy = $"{(key == "PROXYJUMP" ? "ProxyJump" : "ProxyCommand")} {value}";
                    break;
            }
        }
        return host is null ? null : new SshSettings(host, port ?? 22, user, identities, proxy);
    }
}

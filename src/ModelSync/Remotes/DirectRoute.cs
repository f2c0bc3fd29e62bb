using ModelSync.Config;

namespace ModelSync.Remotes;

/// <summary>
/// How one server logs in to another for <c>copy --direct</c>: the target alias's <c>direct:</c> settings, else its
/// host, port and user. Only <c>direct.ssh_options</c> apply there (the alias's own options and key name files on
/// this machine); BatchMode is always on, so a missing key or host key fails at once instead of prompting.
/// </summary>
public sealed record DirectRoute(ServerAlias Target, string Host, int? Port, string? User, IReadOnlyList<KeyValuePair<string, string>> SshOptions)
{
    public static DirectRoute To(ServerAlias target) => new(
        target,
        target.Direct?.Host ?? target.Host ?? throw new InvalidOperationException("a direct copy needs a server as its target"),
        target.Direct?.Port ?? target.Port,
        target.Direct?.User ?? target.User,
        target.Direct?.SshOptions ?? []);

    /// <summary>The ssh command the source runs, without the destination: rsync's <c>-e</c>, and the reach probe.</summary>
    public IReadOnlyList<string> SshCommand =>
        ["ssh", .. SshArgs.Options(new ServerAlias(Target.Name, Host, User, Port, Target.ModelBase, null, SshOptions), null, startMaster: false)];

    /// <summary><c>june@10.0.0.12:2222</c>.</summary>
    public string Display => $"{(User is null ? "" : User + "@")}{Host}{(Port is null ? "" : ":" + Port)}";

    /// <summary>What to type on the source to log in once by hand (and accept the host key).</summary>
    public string ManualLogin => "ssh " + (Port is { } p ? $"-p {p} " : "") + (User is { } u ? u + "@" : "") + Host;
}

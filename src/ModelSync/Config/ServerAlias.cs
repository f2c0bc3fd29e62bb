namespace ModelSync.Config;

/// <summary>
/// One entry under <c>servers:</c>. <see cref="Host"/> is null for a plain directory on this machine.
/// <see cref="ModelBase"/> is absolute, or starts with <c>~</c> which a remote alias resolves against the
/// server's home directory once connected.
/// </summary>
public sealed record ServerAlias(
    string Name,
    string? Host,
    string? User,
    int? Port,
    string ModelBase,
    string? SshKey,
    IReadOnlyList<KeyValuePair<string, string>> SshOptions)
{
    public bool IsLocal => Host is null;

    /// <summary>
    /// The local side of a push or pull: this machine's own file system, named by no entry under <c>servers:</c>
    /// (unlike the <c>local</c> alias, which is a model_base here like any server's).
    /// </summary>
    public bool IsThisMachine { get; init; }

    /// <summary>
    /// <c>local_path</c>: where this server's <c>model_base</c> is also mounted on this machine (an absolute path, or
    /// <see cref="AutoLocalPath"/> to look for it). Used only once a marker file proves it is the same file system.
    /// </summary>
    public string? LocalPath { get; init; }

    public const string AutoLocalPath = "auto";

    /// <summary><c>forward_agent</c>: when this server runs <c>copy --direct</c>, it may use this machine's ssh agent.</summary>
    public bool ForwardAgent { get; init; }

    /// <summary><c>direct:</c> how another server reaches this one for <c>copy --direct</c>; null: the host, port and user above.</summary>
    public DirectReach? Direct { get; init; }

    /// <summary>How the alias is shown to people: <c>june@reaper.internal:2222</c>, or <c>local</c>.</summary>
    public string Display => IsLocal ? "local" : $"{(User is null ? "" : User + "@")}{Host}{(Port is null ? "" : ":" + Port)}";
}

/// <summary>
/// How a server reaches another for <c>copy --direct</c>, where this machine's address for it may not work (a
/// public name vs. an address inside the data centre). Null fields fall back to the alias's own. The options are
/// the only ssh options used there: the alias's <c>ssh_options</c> and <c>ssh_key</c> name files on this machine.
/// </summary>
public sealed record DirectReach(string? Host, int? Port, string? User, IReadOnlyList<KeyValuePair<string, string>> SshOptions);

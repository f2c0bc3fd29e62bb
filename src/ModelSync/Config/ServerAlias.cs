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

    /// <summary>How the alias is shown to people: <c>june@reaper.internal:2222</c>, or <c>local</c>.</summary>
    public string Display => IsLocal ? "local" : $"{(User is null ? "" : User + "@")}{Host}{(Port is null ? "" : ":" + Port)}";
}

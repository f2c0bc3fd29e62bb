using ModelSync.Text;
namespace ModelSync.Config;

/// <summary>The whole configuration, after validation. <see cref="Source"/> is the file it came from, or null for built-ins.</summary>
public sealed record ModelSyncConfig(
    IReadOnlyDictionary<string, ServerAlias> Servers,
    Defaults Defaults,
    NamingConvention Naming,
    string? Source)
{
    public const string LocalAliasName = "local";

    /// <summary><c>groups:</c> — a name for several aliases, written <c>@name</c> on the command line. Members are known aliases.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; init; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
    public const string DefaultLocalModelBase = "~/workspace/models";

    /// <summary>The alias called <paramref name="name"/>, or a usage error that suggests the closest one.</summary>
    public ServerAlias Alias(string name)
    {
        if (Servers.TryGetValue(name, out var alias)) return alias;
        if (GroupWhereOneServer(name, "this command") is { } group) throw group;
        var known = string.Join(", ", Servers.Keys);
        var closest = Suggestions.Closest(name, Servers.Keys);
        var hint = closest is null ? "" : $" — did you mean '{closest}'?";
        throw Errors.ModelSyncException.Usage(
            $"unknown server '{name}'{hint} (known: {known})",
            Source is null ? "add it under servers: in ~/.model-sync.yaml" : $"add it under servers: in {Source}");
    }

    /// <summary>
    /// The usage error for a configured <c>@group</c> (alone or as <c>@group:path</c>) where <paramref name="taker"/>
    /// takes one server, naming the group's members to choose from; null when <paramref name="word"/> names no group.
    /// </summary>
    public Errors.ModelSyncException? GroupWhereOneServer(string word, string taker)
    {
        var name = word.Split(':', 2)[0];
        if (!name.StartsWith('@') || !Groups.TryGetValue(name[1..], out var members)) return null;
        return Errors.ModelSyncException.Usage($"'{name}' is a group; {taker} takes one server", $"name one of: {string.Join(", ", members)}");
    }
}

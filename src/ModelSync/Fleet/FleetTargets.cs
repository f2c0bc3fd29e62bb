using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Resolve;
using ModelSync.Text;

namespace ModelSync.Fleet;

/// <summary>
/// The servers a command names: aliases, <c>alias:path</c>, and <c>@group</c> (or <c>@group:path</c>, the path
/// applied to each member), expanded in the order given.
/// </summary>
public static class FleetTargets
{
    public const char GroupMark = '@';

    /// <summary>True for the multi-server form of a command: several targets, or any group.</summary>
    public static bool IsFleet(IReadOnlyCollection<string> words) => words.Count > 1 || words.Any(w => w.StartsWith(GroupMark));

    /// <summary>True when <paramref name="word"/> is exactly a configured alias or <c>@group</c> (for <c>exec</c>, whose command follows the servers).</summary>
    public static bool IsServerWord(ModelSyncConfig config, string word) =>
        word.StartsWith(GroupMark) ? config.Groups.ContainsKey(word[1..]) : config.Servers.ContainsKey(word);

    /// <summary>
    /// Every target, each alias checked. The same target twice (say, a server in two groups) counts once; one
    /// alias with two different paths is refused, since its servers would be reported and retried as one.
    /// </summary>
    public static IReadOnlyList<RemoteSpec> Expand(ModelSyncConfig config, IEnumerable<string> words, bool pathsAllowed)
    {
        var targets = new List<RemoteSpec>();
        foreach (var word in words)
        {
            foreach (var spec in ExpandOne(config, word))
            {
                if (!pathsAllowed && spec.Path is not null)
                    throw ModelSyncException.Usage($"'{word}' has a path; this command takes servers only", $"write {word.Split(':')[0]}");
                var same = targets.FirstOrDefault(t => t.Alias == spec.Alias);
                if (same is null) targets.Add(spec);
                else if (same != spec)
                    throw ModelSyncException.Usage($"server '{spec.Alias}' is named twice, as {same} and {spec}",
                        "name each server once per command; run a second command for the other path");
            }
        }
        return targets;
    }

    private static IEnumerable<RemoteSpec> ExpandOne(ModelSyncConfig config, string word)
    {
        if (!word.StartsWith(GroupMark)) return [EndpointResolver.ParseKnown(config, word)];
        var colon = word.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? word[1..] : word[1..colon];
        var path = colon < 0 || colon == word.Length - 1 ? null : word[(colon + 1)..];
        if (!config.Groups.TryGetValue(name, out var members)) throw UnknownGroup(config, name);
        return members.Select(m => new RemoteSpec(m, path));
    }

    private static ModelSyncException UnknownGroup(ModelSyncConfig config, string name)
    {
        var closest = Suggestions.Closest(name, config.Groups.Keys);
        var hint = closest is not null ? $" — did you mean '@{closest}'?"
            : config.Servers.ContainsKey(name) ? $" ('{name}' is a server: write it without '@')" : "";
        var known = config.Groups.Count == 0 ? "none defined" : "known: " + string.Join(", ", config.Groups.Keys.Select(g => "@" + g));
        var where = config.Source ?? "~/.model-sync.yaml";
        return ModelSyncException.Usage($"unknown group '@{name}'{hint} ({known})", $"define it under groups: in {where}, e.g. {name}: [server1, server2]");
    }
}

using ModelSync.Text;
using YamlDotNet.RepresentationModel;

namespace ModelSync.Config;

/// <summary>
/// <c>groups: { gpu: [reaper, doomfist] }</c>: each member must be a configured alias (with a did-you-mean when it
/// is not), and a group may not share a name with an alias, or <c>@gpu</c> and <c>gpu</c> would mean two things.
/// </summary>
internal static class GroupsReader
{
    public static Dictionary<string, IReadOnlyList<string>> Read(NodeReader reader, YamlNode node, IReadOnlyDictionary<string, ServerAlias> servers)
    {
        var groups = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (node is YamlScalarNode { Value: null or "" }) return groups;
        var mapping = reader.Mapping(node, "groups");
        var groupNames = mapping.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "").ToHashSet(StringComparer.Ordinal);
        foreach (var (nameNode, value) in mapping.Children)
        {
            var name = reader.Scalar(nameNode, "group name");
            if (name.Length == 0 || name.StartsWith('@') || name.Any(c => c is ':' or '/' or ',' || char.IsWhiteSpace(c)))
                throw reader.Error(nameNode, $"group name '{name}' may not be empty, start with '@' or contain ':', '/', ',' or spaces",
                    "rename the group; on the command line it is written @name");
            if (servers.ContainsKey(name))
                throw reader.Error(nameNode, $"group '{name}' has the name of a server", $"rename the group (e.g. '{name}-group'): '{name}' must mean one thing");
            var members = new List<string>();
            foreach (var memberNode in reader.Sequence(value, $"group '{name}'").Children)
            {
                var member = reader.Scalar(memberNode, $"a member of group '{name}'");
                if (!servers.ContainsKey(member)) throw UnknownMember(reader, memberNode, name, member, servers, groupNames);
                if (!members.Contains(member)) members.Add(member);
            }
            if (members.Count == 0)
                throw reader.Error(value, $"group '{name}' has no servers", $"list its aliases: {name}: [{string.Join(", ", servers.Keys.Take(2))}]");
            groups[name] = members;
        }
        return groups;
    }

    private static Errors.ModelSyncException UnknownMember(NodeReader reader, YamlNode node, string group, string member,
        IReadOnlyDictionary<string, ServerAlias> servers, HashSet<string> groupNames)
    {
        var bare = member.TrimStart('@');
        if (groupNames.Contains(bare))
            throw reader.Error(node, $"group '{group}' lists the group '{bare}'", "groups hold servers only: list that group's servers instead");
        var closest = Suggestions.Closest(member, servers.Keys);
        var hint = closest is null ? "" : $" — did you mean '{closest}'?";
        return reader.Error(node, $"unknown server '{member}' in group '{group}'{hint}", $"known servers: {string.Join(", ", servers.Keys)}");
    }
}

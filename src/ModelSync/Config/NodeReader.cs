using ModelSync.Errors;
using ModelSync.Text;
using YamlDotNet.RepresentationModel;

namespace ModelSync.Config;

/// <summary>Typed access to YAML nodes that turns every mismatch into an error naming file:line:column.</summary>
internal sealed class NodeReader(string source)
{
    public ModelSyncException Error(YamlNode node, string message, string fix) =>
        ModelSyncException.Usage($"config {source}:{node.Start.Line}:{node.Start.Column}: {message}", fix);

    public YamlMappingNode Mapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be a mapping of key: value lines", "indent its keys under it");

    public YamlSequenceNode Sequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, $"{what} must be a list", "write it as [a, b] or as one '- a' line per item");

    public string Scalar(YamlNode node, string what) =>
        node is YamlScalarNode scalar ? scalar.Value ?? "" : throw Error(node, $"{what} must be a single value", "write it as key: value");

    public bool Boolean(YamlNode node, string what)
    {
        var text = Scalar(node, what);
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(node, $"{what}: '{text}' is not true or false", $"write {what}: true or {what}: false"),
        };
    }

    /// <summary>
    /// The key's text if it is one of <paramref name="allowed"/>; otherwise an error with the closest valid key:
    /// <c>unknown key 'hots' in server 'reaper' — did you mean 'host'?</c>.
    /// </summary>
    public string Key(YamlNode node, IReadOnlyList<string> allowed, string what, string where = "")
    {
        var key = Scalar(node, what);
        if (allowed.Contains(key)) return key;
        var closest = Suggestions.Closest(key, allowed);
        var hint = closest is null ? "" : $" — did you mean '{closest}'?";
        throw Error(node, $"unknown {what} '{key}'{where}{hint}", $"valid keys: {string.Join(", ", allowed)}");
    }
}

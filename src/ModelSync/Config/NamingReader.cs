using ModelSync.Versioning;
using YamlDotNet.RepresentationModel;

namespace ModelSync.Config;

internal static class NamingReader
{
    private static readonly string[] NamingKeys = ["pattern", "fields", "strict"];

    /// <summary>
    /// <c>naming:</c> — <c>pattern</c> (fields in braces joined by '_'), <c>fields</c> (FIELD: regex replacing a
    /// built-in shape) and <c>strict</c>. The pattern is checked as a whole once every key is read; an error
    /// points at the field's expression when that is the culprit, else at the pattern.
    /// </summary>
    public static NamingConvention Read(NodeReader reader, YamlNode node)
    {
        if (node is YamlScalarNode { Value: null or "" }) return NamingConvention.Default;
        var mapping = reader.Mapping(node, "naming");
        var template = NamingPattern.DefaultTemplate;
        YamlNode? templateNode = null;
        var strict = false;
        var regexes = new Dictionary<string, string>(StringComparer.Ordinal);
        var regexNodes = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in mapping.Children)
        {
            switch (reader.Key(keyNode, NamingKeys, "key", " in naming"))
            {
                case "pattern":
                    if (value is not YamlScalarNode)
                        throw reader.Error(value, "naming.pattern must be quoted text",
                            $"write pattern: \"{NamingPattern.DefaultTemplate}\" (YAML reads a bare {{...}} as a mapping)");
                    template = reader.Scalar(value, "pattern");
                    templateNode = value;
                    break;
                case "strict":
                    strict = reader.Boolean(value, "strict");
                    break;
                default:
                    if (value is YamlScalarNode { Value: null or "" }) break;
                    foreach (var (fieldNode, regexNode) in reader.Mapping(value, "naming.fields").Children)
                    {
                        var field = reader.Key(fieldNode, NamingField.Names, "field", " in naming.fields");
                        regexes[field] = reader.Scalar(regexNode, $"naming.fields.{field}");
                        regexNodes[field] = regexNode;
                    }
                    break;
            }
        }
        try
        {
            return new NamingConvention(NamingPattern.Create(template, regexes), strict);
        }
        catch (NamingPatternException e)
        {
            var culprit = e.Field is not null && regexNodes.TryGetValue(e.Field, out var regexNode) ? regexNode : templateNode ?? mapping;
            throw reader.Error(culprit, e.Message, e.Fix ?? "fix naming: in the config");
        }
    }
}

using ModelSync.Errors;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ModelSync.Config;

/// <summary>
/// Finds and parses <c>~/.model-sync.yaml</c>. Every error names the file, line, column and key,
/// and suggests the closest valid key.
/// </summary>
public static class ConfigLoader
{
    public const string EnvironmentVariable = "MODEL_SYNC_CONFIG";

    private static readonly string[] TopLevelKeys = ["servers", "defaults", "naming", "groups"];

    /// <summary>
    /// Loads from <paramref name="explicitPath"/> (the <c>--config</c> flag), else <c>$MODEL_SYNC_CONFIG</c>,
    /// else <c>~/.model-sync.yaml</c>. Only the last may be missing: then the built-in <c>local</c> alias is all there is.
    /// </summary>
    public static ModelSyncConfig Load(string? explicitPath, string? environmentPath)
    {
        if (!string.IsNullOrEmpty(explicitPath)) return LoadFile(HomePath.Expand(explicitPath), "--config");
        if (!string.IsNullOrEmpty(environmentPath)) return LoadFile(HomePath.Expand(environmentPath), "$" + EnvironmentVariable);
        var defaultPath = Path.Join(HomePath.Home, ".model-sync.yaml");
        return File.Exists(defaultPath) ? Parse(File.ReadAllText(defaultPath), defaultPath) : BuiltIn();
    }

    public static ModelSyncConfig BuiltIn() => new(
        new Dictionary<string, ServerAlias>(StringComparer.Ordinal) { [ModelSyncConfig.LocalAliasName] = BuiltInLocal() },
        new Defaults(),
        NamingConvention.Default,
        null);

    private static ServerAlias BuiltInLocal() =>
        new(ModelSyncConfig.LocalAliasName, null, null, null, HomePath.Expand(ModelSyncConfig.DefaultLocalModelBase), null, []);

    private static ModelSyncConfig LoadFile(string path, string origin)
    {
        if (!File.Exists(path))
            throw ModelSyncException.Usage($"config file not found: {path} (from {origin})", "check the path, or remove it to use ~/.model-sync.yaml");
        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Parses YAML text; <paramref name="source"/> is only used in error messages.</summary>
    public static ModelSyncConfig Parse(string yaml, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw ModelSyncException.Usage(
                $"config {source}:{e.Start.Line}:{e.Start.Column}: malformed YAML: {FirstLine(e.InnerException?.Message ?? e.Message)}",
                "fix the YAML syntax (indentation, colons, quotes)");
        }

        var servers = new Dictionary<string, ServerAlias>(StringComparer.Ordinal);
        var defaults = new Defaults();
        var naming = NamingConvention.Default;
        YamlNode? groupsNode = null;
        NodeReader? groupsReader = null;
        if (stream.Documents.Count > 0 && stream.Documents[0].RootNode is not YamlScalarNode { Value: null or "" })
        {
            var reader = new NodeReader(source);
            var root = reader.Mapping(stream.Documents[0].RootNode, "the top level");
            foreach (var (keyNode, value) in root.Children)
            {
                var key = reader.Key(keyNode, TopLevelKeys, "top-level key");
                switch (key)
                {
                    case "servers":
                        foreach (var alias in ServersReader.Read(reader, value)) servers[alias.Name] = alias;
                        break;
                    case "defaults":
                        defaults = DefaultsReader.Read(reader, value);
                        break;
                    case "naming":
                        naming = NamingReader.Read(reader, value);
                        break;
                    case "groups":
                        (groupsNode, groupsReader) = (value, reader);
                        break;
                }
            }
        }
        if (!servers.ContainsKey(ModelSyncConfig.LocalAliasName)) servers[ModelSyncConfig.LocalAliasName] = BuiltInLocal();
        // Groups are read last: their members must name servers, wherever in the file those are defined.
        var groups = groupsNode is null ? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal) : GroupsReader.Read(groupsReader!, groupsNode, servers);
        return new ModelSyncConfig(servers, defaults, naming, source) { Groups = groups };
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}

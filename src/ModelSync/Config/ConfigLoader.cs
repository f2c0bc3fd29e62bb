using ModelSync.Errors;
using ModelSync.Versioning;
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
    private static readonly string[] ServerKeys = ["host", "user", "port", "model_base", "ssh_key", "ssh_options", "local_path", "forward_agent", "direct"];
    private static readonly string[] DirectKeys = ["host", "user", "port", "ssh_options"];
    private static readonly string[] DefaultsKeys = ["verify", "compress", "delete", "stale_lock_hours", "hash", "relay"];
    private static readonly string[] NamingKeys = ["pattern", "fields", "strict"];

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
                        foreach (var alias in ReadServers(reader, value)) servers[alias.Name] = alias;
                        break;
                    case "defaults":
                        defaults = ReadDefaults(reader, value);
                        break;
                    case "naming":
                        naming = ReadNaming(reader, value);
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

    private static IEnumerable<ServerAlias> ReadServers(NodeReader reader, YamlNode node)
    {
        if (node is YamlScalarNode { Value: null or "" }) yield break;
        foreach (var (nameNode, value) in reader.Mapping(node, "servers").Children)
        {
            var name = reader.Scalar(nameNode, "server name");
            if (name.Length == 0 || name.Contains(':', StringComparison.Ordinal) || name.Contains('/', StringComparison.Ordinal) || name.StartsWith('@'))
                throw reader.Error(nameNode, $"server name '{name}' may not be empty or contain ':', '/' or start with '@'", "rename the alias");
            yield return ReadServer(reader, name, value);
        }
    }

    private static ServerAlias ReadServer(NodeReader reader, string name, YamlNode node)
    {
        string? host = null, user = null, modelBase = null, sshKey = null;
        YamlNode? modelBaseNode = null, sshSettingNode = null;
        int? port = null;
        var options = new List<KeyValuePair<string, string>>();
        string? localPath = null;
        var forwardAgent = false;
        DirectReach? direct = null;
        var mapping = reader.Mapping(node, $"server '{name}'");
        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = reader.Key(keyNode, ServerKeys, "key", $" in server '{name}'");
            if (key is "user" or "port" or "ssh_key" or "ssh_options" or "local_path" or "forward_agent" or "direct") sshSettingNode ??= keyNode;
            switch (key)
            {
                case "host":
                    host = ReadHost(reader, name, value);
                    break;
                case "user":
                    user = ReadUser(reader, name, value);
                    break;
                case "port":
                    port = ReadPort(reader, name, value);
                    break;
                case "model_base":
                    modelBase = reader.Scalar(value, "model_base");
                    modelBaseNode = value;
                    break;
                case "ssh_key":
                    sshKey = HomePath.Expand(reader.Scalar(value, "ssh_key"));
                    break;
                case "ssh_options":
                    options.AddRange(ReadSshOptions(reader, name, value, "ssh_options"));
                    break;
                case "local_path":
                    localPath = ReadLocalPath(reader, name, value);
                    break;
                case "forward_agent":
                    forwardAgent = reader.Boolean(value, "forward_agent");
                    break;
                case "direct":
                    direct = ReadDirect(reader, name, value);
                    break;
            }
        }
        if (string.IsNullOrWhiteSpace(modelBase))
            throw reader.Error(node, $"server '{name}' has no model_base", "add model_base: /absolute/path/to/models");
        var local = host is null;
        if (local) modelBase = HomePath.Expand(modelBase);
        if (!modelBase.StartsWith('/') && !(!local && (modelBase == "~" || modelBase.StartsWith("~/", StringComparison.Ordinal))))
            throw reader.Error(modelBaseNode ?? mapping, $"server '{name}': model_base '{modelBase}' is not an absolute path", "write it from the root, e.g. /data/models or ~/models");
        if (local && sshSettingNode is not null)
            throw reader.Error(sshSettingNode, $"server '{name}' has ssh settings but no host",
                "add host:, or remove user/port/ssh_key/ssh_options/local_path/forward_agent/direct for a local directory");
        return new ServerAlias(name, host, user, port, TrimTrailingSlash(modelBase), sshKey, options)
        {
            LocalPath = localPath,
            ForwardAgent = forwardAgent,
            Direct = direct,
        };
    }

    private static string ReadHost(NodeReader reader, string name, YamlNode value)
    {
        var host = reader.Scalar(value, "host");
        if (host.Length == 0 || host.StartsWith('-') || host.Any(char.IsWhiteSpace))
            throw reader.Error(value, $"server '{name}': host '{host}' is not a host name", "give a host name, an IP address or a Host alias from ~/.ssh/config");
        return host;
    }

    private static string ReadUser(NodeReader reader, string name, YamlNode value)
    {
        var user = reader.Scalar(value, "user");
        if (user.Length == 0 || user.StartsWith('-') || user.Contains('@', StringComparison.Ordinal) || user.Any(char.IsWhiteSpace))
            throw reader.Error(value, $"server '{name}': user '{user}' is not a user name", "give the login name alone, without '@'");
        return user;
    }

    private static int ReadPort(NodeReader reader, string name, YamlNode value)
    {
        var text = reader.Scalar(value, "port");
        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
            throw reader.Error(value, $"server '{name}': port '{text}' is not a number from 1 to 65535", "write the port as a plain number, e.g. port: 22");
        return port;
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadSshOptions(NodeReader reader, string name, YamlNode value, string what)
    {
        foreach (var (optionKey, optionValue) in reader.Mapping(value, $"{what} of server '{name}'").Children)
        {
            var k = reader.Scalar(optionKey, "ssh option");
            var v = reader.Scalar(optionValue, $"ssh option {k}");
            if (k.Length == 0 || !k.All(char.IsAsciiLetterOrDigit))
                throw reader.Error(optionKey, $"server '{name}': '{k}' is not an ssh option name", "use ssh_config names such as StrictHostKeyChecking");
            yield return new(k, v);
        }
    }

    /// <summary><c>local_path</c>: <c>auto</c>, or an absolute local path (<c>~</c> expands here).</summary>
    private static string ReadLocalPath(NodeReader reader, string name, YamlNode value)
    {
        var text = reader.Scalar(value, "local_path");
        if (text == ServerAlias.AutoLocalPath) return text;
        var path = HomePath.Expand(text);
        if (!path.StartsWith('/'))
            throw reader.Error(value, $"server '{name}': local_path '{text}' is not an absolute path", "write where model_base is mounted here, e.g. /mnt/train/models, or local_path: auto");
        return TrimTrailingSlash(path);
    }

    /// <summary><c>direct:</c> host, port, user and ssh_options another server uses to reach this one.</summary>
    private static DirectReach ReadDirect(NodeReader reader, string name, YamlNode node)
    {
        string? host = null, user = null;
        int? port = null;
        var options = new List<KeyValuePair<string, string>>();
        foreach (var (keyNode, value) in reader.Mapping(node, $"direct of server '{name}'").Children)
        {
            switch (reader.Key(keyNode, DirectKeys, "key", $" in direct of server '{name}'"))
            {
                case "host":
                    host = ReadHost(reader, name, value);
                    break;
                case "user":
                    user = ReadUser(reader, name, value);
                    break;
                case "port":
                    port = ReadPort(reader, name, value);
                    break;
                default:
                    options.AddRange(ReadSshOptions(reader, name, value, "direct.ssh_options"));
                    break;
            }
        }
        return new DirectReach(host, port, user, options);
    }

    private static Defaults ReadDefaults(NodeReader reader, YamlNode node)
    {
        var defaults = new Defaults();
        if (node is YamlScalarNode { Value: null or "" }) return defaults;
        foreach (var (keyNode, value) in reader.Mapping(node, "defaults").Children)
        {
            var key = reader.Key(keyNode, DefaultsKeys, "key", " in defaults");
            if (key == "stale_lock_hours")
            {
                var text = reader.Scalar(value, key);
                if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var hours) || hours <= 0)
                    throw reader.Error(value, $"stale_lock_hours: '{text}' is not a positive number of hours", "write e.g. stale_lock_hours: 24");
                defaults = defaults with { StaleLockAfter = TimeSpan.FromHours(hours) };
                continue;
            }
            if (key == "hash")
            {
                var name = reader.Scalar(value, key);
                defaults = defaults with
                {
                    Hash = Verification.HashFunction.TryParse(name) ?? throw reader.Error(value,
                        $"hash: '{name}' is not one of {string.Join(", ", Verification.HashFunction.Names)}", "write e.g. hash: xxh128 (sha256 is the default)"),
                };
                continue;
            }
            var flag = reader.Boolean(value, key);
            defaults = key switch
            {
                "verify" => defaults with { Verify = flag },
                "compress" => defaults with { Compress = flag },
                "relay" => defaults with { Relay = flag },
                _ => defaults with { Delete = flag },
            };
        }
        return defaults;
    }

    /// <summary>
    /// <c>naming:</c> — <c>pattern</c> (fields in braces joined by '_'), <c>fields</c> (FIELD: regex replacing a
    /// built-in shape) and <c>strict</c>. The pattern is checked as a whole once every key is read; an error
    /// points at the field's expression when that is the culprit, else at the pattern.
    /// </summary>
    private static NamingConvention ReadNaming(NodeReader reader, YamlNode node)
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

    private static string TrimTrailingSlash(string path) => path.Length > 1 ? path.TrimEnd('/') : path;

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}

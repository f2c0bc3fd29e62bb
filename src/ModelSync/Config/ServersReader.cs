using YamlDotNet.RepresentationModel;

namespace ModelSync.Config;

/// <summary>
/// <c>servers:</c> — one alias per key: where it is (host, user, port), where its models live (model_base), how
/// to reach it (ssh_key, ssh_options), and the fleet settings (local_path, forward_agent, direct).
/// </summary>
internal static class ServersReader
{
    private static readonly string[] ServerKeys = ["host", "user", "port", "model_base", "ssh_key", "ssh_options", "local_path", "forward_agent", "direct"];
    private static readonly string[] DirectKeys = ["host", "user", "port", "ssh_options"];

    public static IEnumerable<ServerAlias> Read(NodeReader reader, YamlNode node)
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

    private static string TrimTrailingSlash(string path) => path.Length > 1 ? path.TrimEnd('/') : path;
}

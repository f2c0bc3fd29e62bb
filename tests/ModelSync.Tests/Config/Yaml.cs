namespace ModelSync.Tests.Config;

internal static class Yaml
{
    public const string Source = "cfg.yaml";

    public static string Lines(params string[] lines) => string.Join('\n', lines) + "\n";

    /// <summary>The configuration example of issue 2, word for word.</summary>
    public static readonly string IssueExample = Lines(
        "servers:",
        "  reaper:",
        "    host: reaper.internal        # may be a Host alias from ~/.ssh/config; ssh honours it as usual",
        "    user: june",
        "    port: 22",
        "    model_base: /nfs/train/langdetector/models",
        "    ssh_key: ~/.ssh/id_rsa",
        "    ssh_options:                 # passed to ssh as -o Key=Value, as given",
        "      StrictHostKeyChecking: accept-new",
        "  local:",
        "    model_base: ~/workspace/models",
        "defaults:",
        "  verify: true",
        "  compress: true",
        "  delete: false",
        "naming:",
        "  pattern: \"{GPU}_{DATE}_{MODEL}_{VERSION}\"");
}

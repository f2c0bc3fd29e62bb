using System.CommandLine;

namespace ModelSync.Cli.Commands;

public static class GlobalOptions
{
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Config file (default: $MODEL_SYNC_CONFIG, then ~/.model-sync.yaml)",
        Recursive = true,
        HelpName = "path",
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Print one JSON document on stdout instead of Markdown",
        Recursive = true,
    };

    public static readonly Option<bool> OutsideBase = new("--outside-base")
    {
        Description = "Allow an absolute remote path outside the alias's model_base",
    };
}

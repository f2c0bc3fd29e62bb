using ModelSync.Config;
using ModelSync.Processes;
using ModelSync.Reporting;
using ModelSync.Resolve;
using ModelSync.Text;

namespace ModelSync.Cli.Commands;

/// <summary>What every command handler gets: parsed global options, output streams, the config and a session.</summary>
public sealed class CliContext(bool json, string? configPath, TextWriter output, TextWriter error)
{
    private ModelSyncConfig? _config;

    public bool Json => json;

    /// <summary>The report: Markdown, or the single JSON document.</summary>
    public TextWriter Output => output;

    /// <summary>Progress and diagnostics.</summary>
    public TextWriter Error => error;

    public static IProcessRunner Runner => ProcessRunner.Instance;

    public ModelSyncConfig Config =>
        _config ??= ConfigLoader.Load(configPath, Environment.GetEnvironmentVariable(ConfigLoader.EnvironmentVariable));

    public RemoteSession Session() => new(Config, Runner);

    /// <summary>Each warning as one <c>model-sync: warning: …</c> line on stderr, as push and pull show theirs.</summary>
    public void Warn(IEnumerable<string> warnings)
    {
        foreach (var warning in warnings) error.WriteLine(Printable.Text($"model-sync: warning: {warning}"));
    }

    /// <summary>Writes Markdown through <paramref name="markdown"/>, or <paramref name="document"/> (a record of <see cref="Reporting.Json"/>) as JSON.</summary>
    public void Report<T>(Action<TextWriter> markdown, Func<T> document)
    {
        if (json) JsonOutput.Write(output, document());
        else markdown(output);
    }
}

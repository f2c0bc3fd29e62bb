using System.Text.Json.Nodes;
using Json.Schema;
using ModelSync.IntegrationTests.Fixtures;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// The documented JSON output schemas (<c>docs/json/*.schema.json</c>) and assertions that a real run's stdout
/// follows one, so docs/json.md cannot drift from what the CLI prints.
/// </summary>
public static class JsonSchemas
{
    public const string Directory = "docs/json";

    private static readonly EvaluationOptions Options = Build();

    private static EvaluationOptions Build()
    {
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        // A multi-server schema refers to its single-server sibling by file name ("diff.schema.json"); that
        // resolves against the referring file's own path, so only files of this directory are fetched.
        options.SchemaRegistry.Fetch = uri => uri.IsFile ? JsonSchema.FromFile(uri.LocalPath) : null;
        return options;
    }

    /// <summary>The schema file documenting <paramref name="command"/>'s output (push, pull and copy share one).</summary>
    public static string FileFor(string command) => command is "push" or "pull" or "copy" ? "transfer.schema.json" : $"{command}.schema.json";

    public static JsonSchema Load(string file) => JsonSchema.FromFile(RepoFiles.PathOf(Path.Combine(Directory, file)));

    /// <summary>Fails unless stdout is one JSON document valid against <paramref name="file"/>; returns it.</summary>
    public static JsonNode Valid(CliResult result, string file)
    {
        var node = Parse(result);
        var errors = Problems(Load(file), node);
        Assert.True(errors.Count == 0, $"stdout does not follow {Directory}/{file}:\n  {string.Join("\n  ", errors)}\n{result}");
        return node!;
    }

    /// <summary>Every failed keyword with its place in the instance; empty when <paramref name="instance"/> is valid.</summary>
    public static IReadOnlyList<string> Problems(JsonSchema schema, JsonNode? instance)
    {
        var results = schema.Evaluate(instance, Options);
        if (results.IsValid) return [];
        return (results.Details ?? [])
            // A false "if" only picks the "else" branch; listing it would read as a problem.
            .Where(d => d.Errors is { Count: > 0 } && !$"{d.EvaluationPath}/".Contains("/if/", StringComparison.Ordinal))
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .ToList();
    }

    private static JsonNode? Parse(CliResult result)
    {
        try
        {
            return JsonNode.Parse(result.Stdout);
        }
        catch (System.Text.Json.JsonException e)
        {
            Assert.Fail($"stdout is not one JSON document ({e.Message}):\n{result}");
            throw;
        }
    }
}

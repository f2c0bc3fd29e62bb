using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/name.schema.json.</summary>
public sealed record NameJson
{
    [MinLength(1)]
    public required string Name { get; init; }

    public required string Pattern { get; init; }

    [Description("A field the pattern lacks is null")]
    public required NameFieldsJson Fields { get; init; }
}

/// <summary>The fields of a model name; a field the pattern lacks is null.</summary>
public sealed record NameFieldsJson
{
    public required string? Gpu { get; init; }

    public required string? Date { get; init; }

    public required string Model { get; init; }

    public required string? Version { get; init; }
}

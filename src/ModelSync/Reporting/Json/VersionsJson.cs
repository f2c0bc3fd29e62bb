using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/versions.schema.json.</summary>
public sealed record VersionsJson
{
    public required string Server { get; init; }

    public required string ModelBase { get; init; }

    [Description("MODEL as given")]
    public required string Model { get; init; }

    public required string Pattern { get; init; }

    [Description("Name of the newest version (what MODEL@latest resolves to)")]
    public required string Latest { get; init; }

    [Description("Newest first: VERSION, then DATE, then mtime")]
    [MinLength(1)]
    public required IReadOnlyList<VersionJson> Versions { get; init; }

    [Minimum(1)]
    public required int TotalVersions { get; init; }

    [Minimum(0)]
    public required long TotalBytes { get; init; }
}

public sealed record VersionJson
{
    public required string Name { get; init; }

    [Description("The fields of the name; a field the pattern lacks is null")]
    public required NameFieldsJson Fields { get; init; }

    [Minimum(0)]
    public required long Bytes { get; init; }

    [Minimum(0)]
    public required int Files { get; init; }

    public required DateTimeOffset Modified { get; init; }
}

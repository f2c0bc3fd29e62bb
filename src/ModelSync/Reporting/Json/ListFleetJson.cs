using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/list-fleet.schema.json: <c>list</c> on several servers or a <c>@group</c>.</summary>
public sealed record ListFleetJson
{
    [Description("The servers asked, in the order named")]
    public required IReadOnlyList<string> Servers { get; init; }

    [Description("--filter as given, or null")]
    public required string? Filter { get; init; }

    [Description("--model (without @latest), or null")]
    public required string? Model { get; init; }

    [Description("--latest, or --model M@latest: the latest of each server")]
    public required bool Latest { get; init; }

    [Description("naming.pattern")]
    public required string Pattern { get; init; }

    [Description("One entry per model name found on any reached server, newest modification first")]
    public required IReadOnlyList<FleetModelJson> Models { get; init; }

    [Description("One entry per server, in the order named")]
    public required IReadOnlyList<ListedServerJson> Results { get; init; }
}

public sealed record FleetModelJson
{
    public required string Name { get; init; }

    [Description("The name follows pattern")]
    public required bool Conforms { get; init; }

    [Description("The fields of the name; a field the pattern lacks is null; the whole object is null when the name does not follow the pattern")]
    public required NameFieldsJson? Fields { get; init; }

    [Description("The servers holding it, in the order named; a copy whose bytes differ from another's is not the same model")]
    [MinLength(1)]
    public required IReadOnlyList<ModelCopyJson> On { get; init; }
}

public sealed record ModelCopyJson
{
    [MinLength(1)]
    public required string Server { get; init; }

    [Minimum(0)]
    public required long Bytes { get; init; }

    [Minimum(0)]
    public required int Files { get; init; }

    [Description("Newest mtime inside this copy")]
    public required DateTimeOffset Modified { get; init; }
}

[OkDecides(NullWhenOk = ["error"], NullUnlessOk = ["model_base", "total_models", "total_bytes"])]
public sealed record ListedServerJson
{
    [MinLength(1)]
    public required string Server { get; init; }

    [Description("false when the server was not listed (e.g. not reached)")]
    public required bool Ok { get; init; }

    [Description("Absolute, ~ resolved; null when not ok")]
    public required string? ModelBase { get; init; }

    [Description("Models listed there; null when not ok")]
    [Minimum(0)]
    public required int? TotalModels { get; init; }

    [Description("null when not ok")]
    [Minimum(0)]
    public required long? TotalBytes { get; init; }

    [Description("Why this server was not listed, as in error.schema.json (code: the exit code it alone would have had); null when ok")]
    public required ErrorJson? Error { get; init; }
}

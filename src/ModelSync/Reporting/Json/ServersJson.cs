using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/servers.schema.json.</summary>
public sealed record ServersJson
{
    [Description("The config file read; null when none exists (only the built-in local alias)")]
    public required string? Config { get; init; }

    [Description("groups: from the config, each name with its member aliases (names as written, not snake_cased); {} without any")]
    public required IReadOnlyDictionary<string, IReadOnlyList<string>> Groups { get; init; }

    public required IReadOnlyList<ServerJson> Servers { get; init; }
}

public sealed record ServerJson
{
    [MinLength(1)]
    public required string Alias { get; init; }

    [Description("null: a directory on this machine")]
    public required string? Host { get; init; }

    public required string? User { get; init; }

    [Minimum(1)]
    [Maximum(65535)]
    public required int? Port { get; init; }

    [Description("As configured (a leading ~ is not expanded)")]
    public required string ModelBase { get; init; }

    [Description("null without --check")]
    public required ServerCheckJson? Check { get; init; }
}

public sealed record ServerCheckJson
{
    public required bool Reachable { get; init; }

    [Minimum(0)]
    public required double? LatencyMs { get; init; }

    [Description("e.g. \"3.2.7\"; null when rsync is missing there")]
    public required string? RsyncVersion { get; init; }

    [Description("Free space at model_base")]
    [Minimum(0)]
    public required long? FreeBytes { get; init; }

    [Description("Why it is unreachable; null when reachable")]
    public required string? Error { get; init; }
}

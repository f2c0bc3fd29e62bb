using System.ComponentModel;
using System.Text.Json.Serialization;
using ModelSync.Manifests;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/diff.schema.json: <c>diff</c> against one server.</summary>
public sealed record DiffJson
{
    [Description("The model's name (last path segment)")]
    public required string Name { get; init; }

    [Description("The local path as given")]
    public required string Local { get; init; }

    [Description("alias:/absolute/path")]
    public required string Remote { get; init; }

    public required bool RemoteExists { get; init; }

    [Description("alias:MODEL@latest when the remote side was one; else null")]
    public required string? ResolvedFrom { get; init; }

    [Description("size_mtime, or with --checksum the hash used")]
    [Values("size_mtime", "sha256", "xxh128", "blake3")]
    public required string ComparedBy { get; init; }

    [Description("e.g. that the --hash asked for is missing at one end (sha256 was used)")]
    public required IReadOnlyList<string> Warnings { get; init; }

    [Description("The files that differ (with --files, every file), the first 10 unless --files; entries_total counts them all")]
    public required IReadOnlyList<DiffEntryJson> Entries { get; init; }

    [Description("How many entries there are in all: those that differ, or with --files every file")]
    [Minimum(0)]
    public required int EntriesTotal { get; init; }

    [Description("true when entries lists fewer than entries_total (rerun with --files for all)")]
    public required bool EntriesTruncated { get; init; }

    public required DiffSummaryJson Summary { get; init; }

    [Description("The push that would bring the remote in line")]
    public required string PushCommand { get; init; }
}

public sealed record DiffEntryJson
{
    public required string Path { get; init; }

    [JsonConverter(typeof(SnakeCaseWords<EntryKind>))]
    public required EntryKind Kind { get; init; }

    [Description("null when only on the remote")]
    [Minimum(0)]
    public required long? LocalBytes { get; init; }

    [Description("null when not on the remote")]
    [Minimum(0)]
    public required long? RemoteBytes { get; init; }

    [JsonConverter(typeof(SnakeCaseWords<DiffStatus>))]
    public required DiffStatus Status { get; init; }

    public required string Reason { get; init; }
}

public enum DiffStatus
{
    Same,
    New,
    Modified,

    [JsonStringEnumMemberName("remote-only")]
    RemoteOnly,
}

public sealed record DiffSummaryJson
{
    [Minimum(0)]
    public required int Same { get; init; }

    [Minimum(0)]
    public required int New { get; init; }

    [Minimum(0)]
    public required int Modified { get; init; }

    [Minimum(0)]
    public required int RemoteOnly { get; init; }
}

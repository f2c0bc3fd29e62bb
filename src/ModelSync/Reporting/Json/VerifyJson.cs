using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/verify.schema.json: <c>verify</c> of one server's copy.</summary>
public sealed record VerifyJson
{
    public required string Name { get; init; }

    [Description("The local copy as given; null for verify alias:path (against the manifest)")]
    public required string? Local { get; init; }

    [Description("alias:/absolute/path")]
    public required string Remote { get; init; }

    [Description("alias:MODEL@latest when given; else null")]
    public required string? ResolvedFrom { get; init; }

    [Description("\"local copy\", or \"manifest of <UTC time>Z by <who>\"")]
    public required string ComparedWith { get; init; }

    [Description("The hash compared by (verify alias:path: the manifest's)")]
    [Values("sha256", "xxh128", "blake3")]
    public required string Algorithm { get; init; }

    [Minimum(0)]
    public required int Files { get; init; }

    [Description("Files of the server's copy read and hashed by this run (as read_now.remote)")]
    [Minimum(0)]
    public required int HashedNow { get; init; }

    [Description("Files read and hashed by this run on each side: every file, unless trusted_hashes")]
    public required ReadNowJson ReadNow { get; init; }

    [Description("true with --trust-hashes: recorded hashes stood in for files whose size and mtime still match them, so a change that kept both does not show")]
    public required bool TrustedHashes { get; init; }

    [Description("With --trust-hashes, how many hashes were taken rather than read; null without it")]
    public required TrustedJson? Trusted { get; init; }

    [Description("false exactly when problems is not empty (exit 3)")]
    public required bool Ok { get; init; }

    [Description("e.g. that the --hash asked for is missing at one end (sha256 was used)")]
    public required IReadOnlyList<string> Warnings { get; init; }

    [Description("The files that do not match: the first 10 unless --files; problems_total counts them all")]
    public required IReadOnlyList<ProblemJson> Problems { get; init; }

    [Description("How many files do not match")]
    [Minimum(0)]
    public required int ProblemsTotal { get; init; }

    [Description("true when problems lists fewer than problems_total (rerun with --files for all)")]
    public required bool ProblemsTruncated { get; init; }

    [Description("When problems is not empty: the push that repairs the copy (from the local copy, or from the source its manifest names), runnable as printed; null when nothing failed or that source is no longer on this machine")]
    public required string? RepairCommand { get; init; }

    [Description("The host to run repair_command on when the manifest's source is not this machine; else null")]
    public required string? RepairOn { get; init; }
}

public sealed record ReadNowJson
{
    [Description("Files of the local copy; null for verify alias:path")]
    [Minimum(0)]
    public required int? Local { get; init; }

    [Description("Files of the server's copy")]
    [Minimum(0)]
    public required int Remote { get; init; }
}

public sealed record TrustedJson
{
    [Description("Local files whose hash came from this machine's hash cache")]
    [Minimum(0)]
    public required int HashCache { get; init; }

    [Description("Remote files whose hash came from the server's manifest")]
    [Minimum(0)]
    public required int Manifest { get; init; }
}

public sealed record ProblemJson
{
    public required string Path { get; init; }

    [Description("\"content differs (sha256)\", \"size and content differ\", \"missing on the remote\", \"only on the remote\", a type or link change")]
    public required string Problem { get; init; }

    [Minimum(0)]
    public required long? ExpectedBytes { get; init; }

    [Minimum(0)]
    public required long? RemoteBytes { get; init; }
}

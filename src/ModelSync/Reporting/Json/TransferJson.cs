using System.ComponentModel;
using System.Text.Json.Serialization;
using ModelSync.Transfer;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/transfer.schema.json: <c>push</c>, <c>pull</c> and <c>copy</c>.</summary>
public sealed record TransferJson
{
    [Values("push", "pull", "copy")]
    public required string Command { get; init; }

    [Description("Local path (push) or alias:/absolute/path (pull, copy)")]
    public required string Source { get; init; }

    [Description("alias:/absolute/path (push, copy) or local absolute path (pull)")]
    public required string Target { get; init; }

    [Description("The alias on the far side (copy: the target)")]
    public required string Server { get; init; }

    public required bool DryRun { get; init; }

    [Description("Files in the model")]
    [Minimum(0)]
    public required int Files { get; init; }

    [Description("Size of the model")]
    [Minimum(0)]
    public required long Bytes { get; init; }

    [Description("What crossed the wire (rsync's count, protocol included)")]
    [Minimum(0)]
    public required long BytesSent { get; init; }

    [Description("Bytes not sent because the target had them")]
    [Minimum(0)]
    public required long BytesAlreadyThere { get; init; }

    [Minimum(0)]
    public required double Seconds { get; init; }

    [Description("true exactly when verification.status is verified")]
    public required bool Verified { get; init; }

    public required VerificationJson Verification { get; init; }

    [Description("The new version is in place (false for a dry run or a failed verification)")]
    public required bool Published { get; init; }

    [Description("How the bytes moved, for people")]
    public required string Transport { get; init; }

    [Description("The older version this new one started from (hard links of its unchanged files, rsync deltas against the rest); null when none")]
    public required BasisJson? Basis { get; init; }

    [Description("alias:MODEL@latest when the source was one; else null")]
    public required string? ResolvedFrom { get; init; }

    [Description("e.g. a push target name that does not follow naming.pattern")]
    public required IReadOnlyList<string> Warnings { get; init; }

    [Description("The files sent, deleted or replaced by another kind (or, with dry_run, that would be): the first 10 unless --files; changes_total counts them all")]
    public required IReadOnlyList<ChangeJson> Changes { get; init; }

    [Description("How many files were (or would be) sent, deleted or replaced")]
    [Minimum(0)]
    public required int ChangesTotal { get; init; }

    [Description("true when changes lists fewer than changes_total (rerun with --files for all)")]
    public required bool ChangesTruncated { get; init; }
}

public sealed record BasisJson
{
    [Description("Its name beside the target")]
    public required string Name { get; init; }

    [Description("Its absolute path on the target's place")]
    public required string Path { get; init; }

    [Description("true when named with --basis; false when chosen by the naming convention (the newest other version of the same MODEL)")]
    public required bool Named { get; init; }

    [Description("Bytes of the new version not sent because the basis had them (hard-linked or matched by rsync's delta); for a dry run, the bytes of the files it holds unchanged")]
    [Minimum(0)]
    public required long BytesSaved { get; init; }

    [Description("Files it holds unchanged by size and mtime")]
    [Minimum(0)]
    public required int FilesUnchanged { get; init; }
}

public sealed record VerificationJson
{
    [JsonConverter(typeof(SnakeCaseWords<VerifyStatus>))]
    public required VerifyStatus Status { get; init; }

    [Minimum(0)]
    public required int Files { get; init; }

    public required string Algorithm { get; init; }

    [Description("Paths still different after one re-send (exit 3): the first 10 unless --files")]
    public required IReadOnlyList<string> Mismatched { get; init; }

    [Description("How many paths are still different; more than mismatched lists when it was cut")]
    [Minimum(0)]
    public required int MismatchedTotal { get; init; }

    [Description("Files re-sent after a first mismatch")]
    [Minimum(0)]
    public required int Resent { get; init; }

    [Description("Files hashed on the receiving side by this run; the rest were vouched for by the target's manifest (or, on a pull, matched by size and mtime)")]
    [Minimum(0)]
    public required int HashedNow { get; init; }

    [Description("Files hashed on the sending side by this run; the rest came from its manifest, this machine's hash cache, or were matched by size and mtime")]
    [Minimum(0)]
    public required int SourceHashedNow { get; init; }

    [Description("Files on this machine not read: same size and mtime as the server's file, whose manifest gives the hash (rsync's quick check); 0 with --checksum")]
    [Minimum(0)]
    public required int MatchedBySizeAndMtime { get; init; }
}

public sealed record ChangeJson
{
    [Description("Relative to the model; empty for a single-file model")]
    public required string Path { get; init; }

    [Description("replace: a directory where the target has a file or link, or the reverse; what was there is removed")]
    [JsonConverter(typeof(SnakeCaseWords<ChangeAction>))]
    public required ChangeAction Action { get; init; }

    [Minimum(0)]
    public required long Bytes { get; init; }

    [Description("Why, for people: \"not on target\", \"size 287 → 319\", …")]
    public required string Reason { get; init; }
}

public enum ChangeAction
{
    New,
    Modified,
    Delete,
    Replace,
}

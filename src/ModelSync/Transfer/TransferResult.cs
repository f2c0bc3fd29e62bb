using ModelSync.Planning;
using ModelSync.Resolve;

namespace ModelSync.Transfer;

public sealed record TransferOptions(bool DryRun, bool Delete, bool Compress, bool Verify)
{
    /// <summary>Tries per step for transient failures (dropped connection, restarting sshd), each resuming.</summary>
    public int Tries { get; init; } = 3;

    public LockPolicy Lock { get; init; } = LockPolicy.Default;

    /// <summary>Hash every file on both sides: trust neither a manifest nor this machine's hash cache.</summary>
    public bool Checksum { get; init; }

    /// <summary>rsync's --bwlimit, KiB/s; null: no limit. Parallel streams share it.</summary>
    public int? BandwidthLimit { get; init; }

    /// <summary>Parallel streams for files with nothing to delta against (<c>--streams</c>, <c>defaults.streams</c>); null: chosen by size.</summary>
    public int? Streams { get; init; }

    /// <summary>The command line, recorded in the lock so a second push can say who holds it.</summary>
    public string Command { get; init; } = "model-sync";

    /// <summary>Push: refuse a target name that does not follow naming.pattern (<c>--strict-naming</c>).</summary>
    public bool StrictNaming { get; init; }

    /// <summary>
    /// A symlink at the target's name is replaced by the new model (<c>--replace-link</c>); what it points to is never
    /// touched. Without it, a transfer onto a link is refused.
    /// </summary>
    public bool ReplaceLink { get; init; }

    /// <summary>The hash to verify with when both ends have its program (<c>--hash</c>, <c>defaults.hash</c>); else sha256.</summary>
    public ModelSync.Hashing.HashFunction Hash { get; init; } = ModelSync.Hashing.HashFunction.Sha256;

    /// <summary>Who agrees to what a transfer would remove from its target; by default no one, so nothing is removed.</summary>
    public IRemovalConsent Consent { get; init; } = NoRemovalConsent.Instance;

    /// <summary>Which older version a new version's stage starts from (<c>--basis</c>).</summary>
    public BasisRequest Basis { get; init; } = BasisRequest.Auto;
}

public enum VerifyStatus
{
    Verified,
    Failed,
    Skipped,
}

/// <summary>What verification found: every file's hash (by <paramref name="Algorithm"/>) on the receiving side against the sender's.</summary>
public sealed record VerificationOutcome(VerifyStatus Status, int Files, string Algorithm, IReadOnlyList<string> Mismatched, int Resent)
{
    /// <summary>
    /// Files hashed on the receiving side by this run; the rest were unchanged since the verified push its manifest
    /// records (or, on a pull, matched the server's by size and mtime: <see cref="MatchedBySizeAndMtime"/>).
    /// </summary>
    public int HashedNow { get; init; } = Files;

    /// <summary>Files hashed on the sending side by this run; the rest came from its manifest, this machine's hash cache or the quick check.</summary>
    public int SourceHashedNow { get; init; } = Files;

    /// <summary>
    /// Files on this machine that were not read: their size and mtime equal the server's file, whose manifest gives
    /// the hash (rsync's quick check, see <see cref="Verification.QuickCheck"/>); 0 with <c>--checksum</c>.
    /// </summary>
    public int MatchedBySizeAndMtime { get; init; }
}

/// <summary>Everything a push or pull report shows.</summary>
public sealed record TransferResult(
    Direction Direction,
    string Source,
    string Target,
    string Server,
    bool DryRun,
    int Files,
    long Bytes,
    long BytesSent,
    long BytesAlreadyThere,
    double Seconds,
    VerificationOutcome Verification,
    TransferPlan Plan,
    bool Published)
{
    /// <summary>Pull: the <c>alias:MODEL@latest</c> the source was resolved from; null for a plain path.</summary>
    public string? ResolvedFrom { get; init; }

    /// <summary>Preflight warnings, such as a target name that does not follow naming.pattern or a hash not available at both ends.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>How the bytes moved: the tool, the connection and the choices made, e.g. compression.</summary>
    public string Transport { get; init; } = "";

    /// <summary>The older version the new one started from, and what that saved; null when none.</summary>
    public BasisUse? Basis { get; init; }
}

/// <summary>Hears about a transfer as it goes.</summary>
public interface ITransferProgress
{
    void Phase(string message);

    /// <summary>Something the user must see even with <c>--quiet</c>, told as soon as it is known (the caller keeps it for the report too).</summary>
    void Warning(string message) => Phase("warning: " + message);

    void Item(Transfer.RsyncItem item);

    /// <summary>True when the listener draws a live bar: then <see cref="Bytes"/> is called as data moves.</summary>
    bool WantsLiveProgress { get; }

    void Bytes(Transfer.RsyncProgress update);
}

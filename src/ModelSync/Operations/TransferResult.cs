using ModelSync.Planning;

namespace ModelSync.Operations;

public sealed record TransferOptions(bool DryRun, bool Delete, bool Compress, bool Verify);

public enum VerifyStatus
{
    Verified,
    Failed,
    Skipped,
}

/// <summary>What verification found: every file's sha256 on the receiving side against the sender's.</summary>
public sealed record VerificationOutcome(VerifyStatus Status, int Files, string Algorithm, IReadOnlyList<string> Mismatched, int Resent);

/// <summary>Everything a push or pull report shows.</summary>
public sealed record TransferResult(
    string Direction,
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
    bool Published);

/// <summary>Hears about a transfer as it goes.</summary>
public interface ITransferProgress
{
    void Phase(string message);

    void Item(Transfer.RsyncItem item);

    /// <summary>True when the listener draws a live bar: then <see cref="Bytes"/> is called as data moves.</summary>
    bool WantsLiveProgress { get; }

    void Bytes(Transfer.RsyncProgress update);
}

using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Resolve;
using ModelSync.Verification;

namespace ModelSync.Transfer;

/// <summary>What one push or pull knows once both sides are scanned and planned; every later step reads it.</summary>
internal sealed record TransferContext(
    Direction Direction,
    Endpoint Source,
    Endpoint Target,
    TransferOptions Options,
    TreeHasher Hasher,
    TreeListing SourceTree,
    TreeListing? TargetTree,
    TransferPlan Plan,
    HashFunction Function,
    CancellationToken Cancellation)
{
    public string Stage => StageNames.Stage(Target.Path);

    /// <summary>Made before this run read a byte of the source to hash it: the manifest's <see cref="ModelManifest.HashedFrom"/>.</summary>
    public DateTimeOffset Began { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// The stage's listing when this run has just made it (a seed of the target as listed, or an empty directory), so a
    /// transport that plans against the stage need not list it; null when not known.
    /// </summary>
    public TreeListing? FreshStage { get; init; }

    /// <summary>
    /// This run made the stage from what its plan was made against (the target, or the basis), so the plan says what
    /// the stage holds; false when it may be a stage an earlier run left, seeded from anything.
    /// </summary>
    public bool StageSeededHere { get; init; }

    /// <summary>The stage as listed just before the send, when a transport listed it (see <see cref="RsyncBlindSpots"/>).</summary>
    public TreeListing? StageListed { get; init; }

    public bool IsDirectory => SourceTree.RootKind == EntryKind.Directory;

    /// <summary>The target holds a model of the same kind (directory or file), so the stage can start from it.</summary>
    public bool SameKind => TargetTree is not null && TargetTree.RootKind == SourceTree.RootKind;

    /// <summary>The older version a new version's stage starts from; null when it starts from the target, or empty.</summary>
    public StageBasis? Basis { get; init; }

    /// <summary>The stage's verify-and-publish, for a transport that can do it in the call that sends; null when not asked.</summary>
    public FinishWithSend? FinishWithSend { get; init; }

    /// <summary>
    /// The stage's verify-and-publish comes next, as one call that can first move the files sent in ranges into the
    /// stage (<see cref="StageSend.RangesLeft"/>): a send with nothing left for rsync after its streams leaves that to it.
    /// </summary>
    public bool FinishTakesRanges { get; init; }

    /// <summary>The manifest of what the stage was seeded from (the basis, else the target): it vouches for the files this run did not write.</summary>
    public ModelManifest? SeedManifest => Basis is { } basis ? basis.Tree.Manifest : TargetTree?.Manifest;

    /// <summary>Hashes a listing's manifest vouches for; none with <c>--checksum</c> or from a manifest of another hash.</summary>
    public IReadOnlyDictionary<string, string>? Trusted(TreeListing listing) => Options.Checksum ? null : listing.Manifest?.Trusted(listing, Function);
}

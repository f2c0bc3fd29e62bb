using ModelSync.Hashing;
using ModelSync.Manifests;

namespace ModelSync.Remotes;

/// <summary>
/// A stage file whose hash the caller knows already, and how the stage must hold it for that to stay true: the
/// same <paramref name="Size"/> and either the exact mtime <paramref name="ModifiedExact"/> (find's <c>%T@</c>, a file
/// vouched for by a manifest) or the inode <paramref name="Inode"/> (a file hashed as it was written).
/// </summary>
public sealed record KnownStageFile(string Path, long Size, string? ModifiedExact, long Inode = 0);

/// <summary>
/// What <see cref="IRemote.FinishStageAsync"/> is asked: the stage must hold every entry of <paramref name="Source"/>
/// (files of its size, links with its text), the <paramref name="Known"/> files as described, and
/// <paramref name="ToHash"/>'s files (path → expected hash) must hash to those values with <paramref name="Function"/>.
/// Then <paramref name="Manifest"/> (none for null) is written, the stage published and the lock of
/// <paramref name="LockToken"/> released. <paramref name="Retry"/>: an earlier try may have published already.
/// </summary>
public sealed record StageFinishRequest(
    TreeListing Source,
    HashFunction Function,
    string LockToken,
    IReadOnlyDictionary<string, string> ToHash,
    IReadOnlyList<KnownStageFile> Known,
    ModelManifest? Manifest,
    bool Retry)
{
    /// <summary>
    /// Done first, in the same call, as <see cref="IRemote.FinishRangesAsync"/> does it; when it fails the call throws,
    /// naming the files sent in ranges, before anything is hashed or published. On a <see cref="Retry"/> whose stage is
    /// gone it is not done again (the earlier try may have published), and a file no longer in its part file is taken
    /// as moved by the earlier try (the stage's check says whether it is in place). Null: nothing to move.
    /// </summary>
    public RangesFinish? Ranges { get; init; }
}

/// <summary>
/// The answer of <see cref="IRemote.FinishStageAsync"/>: published (and the lock released), or not, and then what was
/// found: the stage's listing (null when it is gone) and the hashes computed, keyed as <see cref="IRemote.HashAsync"/> keys them.
/// </summary>
public sealed record StageFinish(bool Published, TreeListing? Stage, IReadOnlyDictionary<string, string> Hashes)
{
    /// <summary>Published, but the previous version could not be removed (as <see cref="IRemote.PublishAsync"/> answers).</summary>
    public PreviousVersionLeft? PreviousLeft { get; init; }
}

/// <summary>
/// A tar stream's receiver that then finishes the stage as <see cref="IRemote.FinishStageAsync"/> does, in the same call:
/// <paramref name="Process"/> takes the stream on its stdin; <paramref name="Read"/> reads its stdout once it exited 0.
/// </summary>
public sealed record TarFinishCall(Processes.ProcessSpec Process, Func<byte[], StageFinish> Read);

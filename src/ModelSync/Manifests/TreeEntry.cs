namespace ModelSync.Manifests;

public enum EntryKind
{
    File,
    Directory,
    Symlink,
}

/// <summary>
/// One file, directory or symlink of a scanned tree. <see cref="Path"/> is relative to the tree's root with
/// <c>/</c> separators; the root itself of a single-file tree has the path <c>""</c>.
/// <see cref="Size"/> counts only for files; <see cref="ModifiedUnixSeconds"/> is whole seconds.
/// <see cref="Inode"/> and <see cref="ModifiedExact"/> (find's <c>%T@</c>, nanoseconds) key the local hash cache.
/// </summary>
public sealed record TreeEntry(string Path, EntryKind Kind, long Size, long ModifiedUnixSeconds, string? LinkTarget = null)
{
    public long Inode { get; init; }

    public string ModifiedExact { get; init; } = "";

    /// <summary>The permission bits (<see cref="FileModes"/>); null when the listing has none (an entry made up rather than scanned).</summary>
    public int? Mode { get; init; }

    /// <summary>
    /// Both modes are known and differ: the file must reach the target with the new mode, in a fresh inode there
    /// (a chmod of a hard link the stage shares with a published version would change that version).
    /// </summary>
    public bool ModeDiffers(TreeEntry other) => Mode is { } mine && other.Mode is { } theirs && mine != theirs;

    /// <summary>The part of the mtime below the second, in microseconds; 0 when the file system or listing has none.</summary>
    public int ModifiedMicroseconds => Mtimes.Microseconds(ModifiedExact);

    /// <summary>Whether <paramref name="other"/> has the same mtime, as far as both sides can tell (see <see cref="Mtimes.Same"/>).</summary>
    public bool SameMtime(TreeEntry other) =>
        Mtimes.Same(ModifiedUnixSeconds, ModifiedMicroseconds, other.ModifiedUnixSeconds, other.ModifiedMicroseconds);
}

/// <summary>
/// A scanned place: a directory (entries below it) or a single file (one entry with path <c>""</c>).
/// </summary>
public sealed record TreeListing(EntryKind RootKind, IReadOnlyList<TreeEntry> Entries)
{
    /// <summary>The manifest the last verified push left in this directory, if any.</summary>
    public ModelManifest? Manifest { get; init; }

    /// <summary>
    /// Paths inside named like model-sync's own hidden files (<c>.model-sync-*</c>), other than its manifest at the top:
    /// left out of <see cref="Entries"/> with whatever is below them, and listed here so a transfer can refuse such a source.
    /// </summary>
    public IReadOnlyList<string> ReservedNames { get; init; } = [];

    /// <summary>
    /// The entries at and below a top-level name of model-sync's own (<c>.model-sync-stage.NAME</c>, a lock): left out
    /// of <see cref="Entries"/>, kept here so a listing of model_base can tell what interrupted commands left behind.
    /// </summary>
    public IReadOnlyList<TreeEntry> ControlEntries { get; init; } = [];

    /// <summary>Why a manifest found here is not trusted (damaged, oversized); null when there is none or it is sound.</summary>
    public string? ManifestProblem { get; init; }

    /// <summary>The report's warning about <see cref="ManifestProblem"/>, naming the place as <paramref name="where"/>.</summary>
    public string? ManifestWarning(string where) =>
        ManifestProblem is { } problem ? $"ignored the manifest of {where} ({problem}); its files are hashed instead" : null;

    /// <summary>
    /// The scanned path is itself a symlink, to this (as stored in the link); the entries are what it points to.
    /// Null for anything else. A target that is a link is never written through.
    /// </summary>
    public string? RootLink { get; init; }

    /// <summary>A directory listing's root itself (path <c>""</c>), for its mode and mtime; null for a file, or a listing not scanned.</summary>
    public TreeEntry? Root { get; init; }

    public IEnumerable<TreeEntry> Files => Entries.Where(e => e.Kind == EntryKind.File);

    public long TotalBytes => Files.Sum(e => e.Size);
}

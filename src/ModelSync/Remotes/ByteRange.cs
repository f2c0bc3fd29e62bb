namespace ModelSync.Remotes;

/// <summary>
/// A part of a file moved on its own: <paramref name="Offset"/> is a whole number of <see cref="Block"/>s, and so is
/// <paramref name="Length"/> unless the range is the file's <paramref name="Last"/>, which runs to its end. Whole
/// blocks let the scripts seek with <c>dd bs=1M</c>, which any POSIX dd does.
/// </summary>
public sealed record ByteRange(long Offset, long Length, bool Last)
{
    public const long Block = 1024 * 1024;

    public long FirstBlock => Offset / Block;
}

/// <summary>
/// A file whose ranges were all written into its part file in <paramref name="Record"/> (a directory name below the
/// records directory), to be moved to <paramref name="Path"/> in the stage with the source's time <paramref name="Mtime"/>
/// (ISO 8601 UTC, to the nanosecond).
/// </summary>
public sealed record RangedFile(string Record, string Path, int Ranges, string Mtime)
{
    /// <summary>The mode to give it, as chmod takes it (<see cref="StagedDirectory.ChmodMode"/>); empty to leave the one it was made with.</summary>
    public string Mode { get; init; } = "";
}

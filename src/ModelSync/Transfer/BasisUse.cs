namespace ModelSync.Transfer;

/// <summary>
/// The older version a new version started from, for the report. <paramref name="BytesSaved"/>: bytes of the new version
/// not sent because the basis had them (hard-linked whole, or matched by rsync's delta); for a dry run, the bytes of the
/// files it holds unchanged by size and mtime. <paramref name="FilesUnchanged"/>: files it holds unchanged by size and mtime.
/// </summary>
public sealed record BasisUse(string Name, string Path, bool Named, long BytesSaved, int FilesUnchanged);

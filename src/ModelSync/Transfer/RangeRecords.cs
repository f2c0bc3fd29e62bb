using System.Globalization;
using System.Security.Cryptography;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// Where the receiver keeps the ranges of big files until each file is whole: per file a record directory holding
/// its part file (a fresh file, never a name of the model) and a <c>done.BLOCK</c> marker per range that arrived, so a
/// killed run resumes range by range. The records live in a hidden directory that is never a model's: inside a
/// directory stage (left out of every scan and manifest, removed before publishing), or beside a single-file stage.
/// </summary>
internal static class RangeRecords
{
    public const string DirectoryName = StageNames.Prefix + "ranges";

    private const string DonePrefix = "done.";

    public static string Root(TransferContext run) =>
        run.IsDirectory ? PosixPath.Combine(run.Stage, DirectoryName) : PosixPath.Combine(PosixPath.Parent(run.Stage), DirectoryName + "." + PosixPath.Name(run.Target.Path));

    /// <summary>
    /// The record's name: a hash of the file's path, size, time and range size, so a file that changed since (or a
    /// rerun that cuts other ranges) starts a record of its own and never resumes into a stale one.
    /// </summary>
    public static string Key(TreeEntry source, long rangeSize)
    {
        var stamp = source.ModifiedExact.Length > 0 ? source.ModifiedExact : source.ModifiedUnixSeconds.ToString(CultureInfo.InvariantCulture);
        var tail = System.Text.Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"\0{source.Size}\0{stamp}\0{rangeSize}"));
        return Convert.ToHexStringLower(SHA256.HashData([.. PathBytes.Encode(source.Path), .. tail]))[..32];
    }

    /// <summary>The offsets of the ranges done, by record, as a listing of <see cref="Root"/> shows them.</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<long>> Done(TreeListing? records)
    {
        var done = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        if (records is not { RootKind: EntryKind.Directory }) return new Dictionary<string, IReadOnlySet<long>>();
        foreach (var entry in records.Entries.Where(e => e.Kind == EntryKind.File))
        {
            var slash = entry.Path.IndexOf('/', StringComparison.Ordinal);
            if (slash < 0) continue;
            var name = entry.Path[(slash + 1)..];
            if (!name.StartsWith(DonePrefix, StringComparison.Ordinal)
                || !long.TryParse(name[DonePrefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var block)) continue;
            var key = entry.Path[..slash];
            if (!done.TryGetValue(key, out var offsets)) done[key] = offsets = [];
            offsets.Add(block * ByteRange.Block);
        }
        return done.ToDictionary(d => d.Key, d => (IReadOnlySet<long>)d.Value, StringComparer.Ordinal);
    }

    /// <summary>The source's time as touch -d takes it (ISO 8601, UTC, to the nanosecond where the listing has them).</summary>
    public static string Mtime(TreeEntry source)
    {
        var fraction = source.ModifiedExact.IndexOf('.', StringComparison.Ordinal) is var dot and >= 0 ? source.ModifiedExact[(dot + 1)..] : "";
        var whole = DateTimeOffset.FromUnixTimeSeconds(source.ModifiedUnixSeconds).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);
        if (fraction.Length > 9) fraction = fraction[..9]; // find prints ten digits; a file system keeps nanoseconds at most
        return fraction.Length > 0 && fraction.All(char.IsAsciiDigit) ? $"{whole}.{fraction}Z" : whole + "Z";
    }
}

using ModelSync.Manifests;

namespace ModelSync.Tests.Support;

/// <summary>Short builders for tree entries and listings.</summary>
public static class Entries
{
    public const long Time = 1_700_000_000;

    public static TreeEntry File(string path, long size, long mtime = Time) => new(path, EntryKind.File, size, mtime);

    /// <summary>A file whose mtime has a part below the second, as find's <c>%T@</c> prints it.</summary>
    public static TreeEntry File(string path, long size, string exactMtime) =>
        new(path, EntryKind.File, size, long.Parse(exactMtime.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture)) { ModifiedExact = exactMtime };

    public static TreeEntry Dir(string path, long mtime = Time) => new(path, EntryKind.Directory, 0, mtime);

    public static TreeEntry Link(string path, string target, long mtime = Time) => new(path, EntryKind.Symlink, 0, mtime, target);

    public static TreeListing Tree(params TreeEntry[] entries) => new(EntryKind.Directory, entries);
}

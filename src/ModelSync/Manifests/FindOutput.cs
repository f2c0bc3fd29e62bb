using System.Globalization;
using ModelSync.Paths;

namespace ModelSync.Manifests;

/// <summary>
/// Parses <c>find -printf '%y\0%s\0%T@\0%i\0%m\0%l\0%P\0'</c>: seven NUL-terminated fields per entry, so any byte
/// but NUL may appear in a name; names and link targets are decoded by <see cref="PathBytes"/>, byte for byte. A
/// field that is not what find prints (a size that is no number, a mode that is not octal permission bits) makes the
/// whole listing a <see cref="FormatException"/>: one error, never a guess.
/// </summary>
public static class FindOutput
{
    public const string PrintfFormat = @"%y\0%s\0%T@\0%i\0%m\0%l\0%P\0";
    private const int FieldsPerEntry = 7;

    public static TreeListing Parse(ReadOnlySpan<byte> output)
    {
        var fields = PathBytes.SplitNul(output);
        var count = (fields.Length - 1) / FieldsPerEntry;
        if (count == 0 || fields.Length - 1 != count * FieldsPerEntry)
            throw new FormatException("unexpected listing from find: " + fields.Length + " fields");
        var entries = new List<TreeEntry>(count);
        EntryKind? rootKind = null;
        TreeEntry? root = null;
        for (var i = 0; i < count; i++)
        {
            var f = fields.AsSpan(i * FieldsPerEntry, FieldsPerEntry);
            EntryKind? kind = f[0] switch
            {
                "f" => EntryKind.File,
                "d" => EntryKind.Directory,
                "l" => EntryKind.Symlink,
                _ => null, // sockets, fifos and devices are not model files
            };
            if (kind is null) continue;
            var path = f[6];
            var size = kind == EntryKind.File ? Number(f[1], "size", NumberStyles.None) : 0;
            var seconds = Number(f[2].Split('.')[0], "mtime", NumberStyles.AllowLeadingSign);
            var entry = new TreeEntry(path, kind.Value, size, seconds, kind == EntryKind.Symlink ? f[5] : null)
            {
                Inode = long.TryParse(f[3], CultureInfo.InvariantCulture, out var inode) ? inode : 0,
                ModifiedExact = f[2],
                Mode = FileModes.Parse(f[4]) ?? throw new FormatException("a mode that is not octal permission bits"),
            };
            if (path.Length == 0)
            {
                rootKind = kind;
                if (kind == EntryKind.Directory)
                {
                    root = entry;
                    continue;
                }
            }
            entries.Add(entry);
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new TreeListing(rootKind ?? EntryKind.Directory, entries) { Root = root };
    }

    /// <summary>
    /// A size (digits only: find never prints a sign there) or a time in whole seconds (before 1970 is negative); what is
    /// not one (or does not fit) is a <see cref="FormatException"/>, not an overflow.
    /// </summary>
    private static long Number(string field, string what, NumberStyles styles) =>
        long.TryParse(field, styles, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"a {what} that is not a number");
}

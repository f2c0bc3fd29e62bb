using System.Globalization;
using ModelSync.Paths;

namespace ModelSync.Manifests;

/// <summary>
/// Parses <c>find -printf '%y\0%s\0%T@\0%i\0%l\0%P\0'</c>: six NUL-terminated fields per entry, so any byte
/// but NUL may appear in a name; names and link targets are decoded by <see cref="PathBytes"/>, byte for byte.
/// </summary>
public static class FindOutput
{
    public const string PrintfFormat = @"%y\0%s\0%T@\0%i\0%l\0%P\0";
    private const int FieldsPerEntry = 6;

    public static TreeListing Parse(ReadOnlySpan<byte> output)
    {
        var fields = PathBytes.SplitNul(output);
        var count = (fields.Length - 1) / FieldsPerEntry;
        if (count == 0 || fields.Length - 1 != count * FieldsPerEntry)
            throw new FormatException("unexpected listing from find: " + fields.Length + " fields");
        var entries = new List<TreeEntry>(count);
        EntryKind? rootKind = null;
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
            var path = f[5];
            var size = kind == EntryKind.File ? long.Parse(f[1], CultureInfo.InvariantCulture) : 0;
            var seconds = long.Parse(f[2].Split('.')[0], CultureInfo.InvariantCulture);
            var entry = new TreeEntry(path, kind.Value, size, seconds, kind == EntryKind.Symlink ? f[4] : null)
            {
                Inode = long.TryParse(f[3], CultureInfo.InvariantCulture, out var inode) ? inode : 0,
                ModifiedExact = f[2],
            };
            if (path.Length == 0)
            {
                rootKind = kind;
                if (kind == EntryKind.Directory) continue;
            }
            entries.Add(entry);
        }
        entries.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return new TreeListing(rootKind ?? EntryKind.Directory, entries);
    }
}

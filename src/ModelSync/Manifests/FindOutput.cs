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
        // Field by field from the bytes: a listing of 20k files split into strings first cost 140k of them, and a
        // full collection or two, on every scan.
        var terminators = output.Count((byte)0);
        var count = terminators / FieldsPerEntry;
        if (count == 0 || terminators != count * FieldsPerEntry)
            throw new FormatException("unexpected listing from find: " + (terminators + 1) + " fields");
        var entries = new List<TreeEntry>(count);
        EntryKind? rootKind = null;
        TreeEntry? root = null;
        for (var i = 0; i < count; i++)
        {
            var type = Next(ref output);
            var sizeField = Next(ref output);
            var mtime = Next(ref output);
            var inodeField = Next(ref output);
            var modeField = Next(ref output);
            var linkField = Next(ref output);
            var pathField = Next(ref output);
            EntryKind? kind = type.Length != 1 ? null : type[0] switch
            {
                (byte)'f' => EntryKind.File,
                (byte)'d' => EntryKind.Directory,
                (byte)'l' => EntryKind.Symlink,
                _ => null, // sockets, fifos and devices are not model files
            };
            if (kind is null) continue;
            var path = PathBytes.Decode(pathField);
            var size = kind == EntryKind.File ? Number(sizeField, "size", NumberStyles.None) : 0;
            var point = mtime.IndexOf((byte)'.');
            var seconds = Number(point < 0 ? mtime : mtime[..point], "mtime", NumberStyles.AllowLeadingSign);
            var entry = new TreeEntry(path, kind.Value, size, seconds, kind == EntryKind.Symlink ? PathBytes.Decode(linkField) : null)
            {
                Inode = long.TryParse(inodeField, CultureInfo.InvariantCulture, out var inode) ? inode : 0,
                ModifiedExact = PathBytes.Decode(mtime),
                Mode = FileModes.Parse(modeField) ?? throw new FormatException("a mode that is not octal permission bits"),
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

    /// <summary>The field at the start of <paramref name="rest"/> (up to its NUL), which then moves past it.</summary>
    private static ReadOnlySpan<byte> Next(ref ReadOnlySpan<byte> rest)
    {
        var end = rest.IndexOf((byte)0);
        var field = rest[..end];
        rest = rest[(end + 1)..];
        return field;
    }

    /// <summary>
    /// A size (digits only: find never prints a sign there) or a time in whole seconds (before 1970 is negative); what is
    /// not one (or does not fit) is a <see cref="FormatException"/>, not an overflow.
    /// </summary>
    private static long Number(ReadOnlySpan<byte> field, string what, NumberStyles styles) =>
        long.TryParse(field, styles, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"a {what} that is not a number");
}

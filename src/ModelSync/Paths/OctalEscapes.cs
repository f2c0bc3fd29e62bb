namespace ModelSync.Paths;

/// <summary>
/// Undoes the octal escapes tools print names with: the kernel's <c>\040</c> in mountinfo, rsync's <c>\#033</c>.
/// Works on the bytes (see <see cref="PathBytes"/>), so an escaped byte joins the bytes around it into one name.
/// </summary>
public static class OctalEscapes
{
    /// <summary><paramref name="printed"/> with each <paramref name="introducer"/> and three octal digits turned into that byte.</summary>
    public static string Undo(string printed, string introducer)
    {
        if (!printed.Contains(introducer, StringComparison.Ordinal)) return printed;
        var bytes = PathBytes.Encode(printed);
        var mark = PathBytes.Encode(introducer);
        var name = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            var digits = i + mark.Length;
            if (bytes.AsSpan(i).StartsWith(mark) && digits + 2 < bytes.Length
                && bytes.AsSpan(digits, 3).IndexOfAnyExceptInRange((byte)'0', (byte)'7') < 0)
            {
                name.Add((byte)(((bytes[digits] - '0') << 6) | ((bytes[digits + 1] - '0') << 3) | (bytes[digits + 2] - '0')));
                i = digits + 2;
            }
            else name.Add(bytes[i]);
        }
        return PathBytes.Decode(name.ToArray());
    }
}

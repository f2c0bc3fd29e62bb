namespace ModelSync.Manifests;

/// <summary>
/// Permission bits as find's <c>%m</c> prints them: octal without leading zeros (<c>644</c>, <c>4755</c>, <c>0</c>),
/// at most the twelve bits a file's mode has beyond its type (setuid, setgid, sticky and rwx for three). These are
/// the bits rsync's <c>-p</c> carries, so they are the ones a transfer compares.
/// </summary>
public static class FileModes
{
    private const int AllBits = 0b1111_1111_1111;

    /// <summary>The bits <paramref name="octal"/> names; null for anything else (empty, not octal, more than twelve bits).</summary>
    public static int? Parse(string octal)
    {
        if (octal.Length is 0 or > 4 || !System.Text.Ascii.IsValid(octal)) return null;
        Span<byte> bytes = stackalloc byte[octal.Length];
        System.Text.Ascii.FromUtf16(octal, bytes, out _);
        return Parse(bytes);
    }

    /// <summary>As <see cref="Parse(string)"/>, from the bytes find printed.</summary>
    public static int? Parse(ReadOnlySpan<byte> octal)
    {
        if (octal.Length is 0 or > 4) return null;
        var value = 0;
        foreach (var c in octal)
        {
            if (c is < (byte)'0' or > (byte)'7') return null;
            value = value * 8 + (c - '0');
        }
        return value <= AllBits ? value : null;
    }

    /// <summary>As find prints it, so a record built here compares equal to one a script builds there.</summary>
    public static string Format(int mode) => Convert.ToString(mode, 8);
}

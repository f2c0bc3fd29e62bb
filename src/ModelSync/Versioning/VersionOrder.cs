namespace ModelSync.Versioning;

/// <summary>
/// Which of two versions is newer: the higher VERSION, then the later DATE, then the later modification
/// time, then the name (so the order is total and stable). Field values compare "naturally": runs of digits
/// as numbers, the rest case-insensitively, so <c>N2501</c> is after <c>N2412</c>, <c>250715</c> after <c>99999</c>,
/// and <c>n2501</c> the same DATE as <c>N2501</c>.
/// </summary>
public static class VersionOrder
{
    /// <summary>Oldest first.</summary>
    public static IComparer<VersionedModel> OldestFirst { get; } = Comparer<VersionedModel>.Create(Compare);

    /// <summary>Newest first.</summary>
    public static IComparer<VersionedModel> NewestFirst { get; } = Comparer<VersionedModel>.Create((a, b) => Compare(b, a));

    /// <summary>Negative when <paramref name="a"/> is older than <paramref name="b"/>, positive when newer.</summary>
    public static int Compare(VersionedModel? a, VersionedModel? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        var order = Natural(a.Parsed?.Version, b.Parsed?.Version);
        if (order == 0) order = Natural(a.Parsed?.Date, b.Parsed?.Date);
        if (order == 0) order = a.Info.Modified.CompareTo(b.Info.Modified);
        return order != 0 ? order : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>Natural order of two field values; a missing value is older than any value.</summary>
    public static int Natural(string? a, string? b)
    {
        if (a is null || b is null) return a is null ? (b is null ? 0 : -1) : 1;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            var digits = char.IsAsciiDigit(a[i]);
            if (digits != char.IsAsciiDigit(b[j])) return digits ? -1 : 1;
            var endA = Run(a, i, digits);
            var endB = Run(b, j, digits);
            var order = digits ? CompareNumbers(a[i..endA], b[j..endB]) : CompareText(a[i..endA], b[j..endB]);
            if (order != 0) return order;
            (i, j) = (endA, endB);
        }
        return (a.Length - i).CompareTo(b.Length - j);
    }

    private static int Run(string text, int start, bool digits)
    {
        var end = start;
        while (end < text.Length && char.IsAsciiDigit(text[end]) == digits) end++;
        return end;
    }

    private static int CompareNumbers(string a, string b)
    {
        var x = a.TrimStart('0');
        var y = b.TrimStart('0');
        var order = x.Length.CompareTo(y.Length);
        return order != 0 ? order : string.CompareOrdinal(x, y);
    }

    private static int CompareText(string a, string b) => string.Compare(a, b, StringComparison.OrdinalIgnoreCase);
}

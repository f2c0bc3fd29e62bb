using System.Globalization;

namespace ModelSync.Manifests;

/// <summary>
/// Comparing mtimes across two file systems. rsync's quick check compares whole seconds, so an edit that keeps
/// the size and lands in the same second as the copy it replaces is never sent; model-sync also compares the
/// part below the second when both sides have one. Microseconds, not nanoseconds: .NET sets times in 100 ns
/// ticks and some file systems keep microseconds, and either must still count as the same mtime. A side with
/// no sub-second part (a file system or archive that keeps whole seconds) falls back to seconds alone, or every
/// file there would look changed on every push.
/// </summary>
public static class Mtimes
{
    public static bool Same(long seconds, int microseconds, long otherSeconds, int otherMicroseconds) =>
        seconds == otherSeconds && (microseconds == 0 || otherMicroseconds == 0 || microseconds == otherMicroseconds);

    /// <summary>
    /// Whether a record of a file (its size, mtime and hash) taken at <paramref name="recordedAt"/> may vouch for it later
    /// by size and mtime: only when its mtime of <paramref name="seconds"/> is strictly older than the second the record
    /// was taken in. File times come from a coarse clock (a few milliseconds on Linux, whole seconds on some file systems),
    /// so a rewrite of the same size in the same tick as an earlier write keeps that write's mtime, and a record taken in
    /// that tick would vouch for content it never read. Git calls such entries racily clean and reads them again;
    /// whole seconds cover every tick a file system has, at the cost of reading again what was written in the last second.
    /// </summary>
    public static bool Settled(long seconds, DateTimeOffset recordedAt) => seconds < recordedAt.ToUnixTimeSeconds();

    /// <summary>The microseconds of find's <c>%T@</c> (<c>1732849123.4567890120</c>); 0 when there are none.</summary>
    public static int Microseconds(string exact)
    {
        var dot = exact.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0) return 0;
        var digits = exact.AsSpan(dot + 1);
        if (digits.Length > 6) digits = digits[..6];
        if (digits.Length == 0 || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return 0;
        for (var i = digits.Length; i < 6; i++) value *= 10;
        return value;
    }
}

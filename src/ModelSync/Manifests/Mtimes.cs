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

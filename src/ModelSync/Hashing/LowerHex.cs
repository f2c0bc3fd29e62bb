using System.Buffers;

namespace ModelSync.Hashing;

/// <summary>A hash as the tools print it (and a machine id as systemd writes it): lower-case hex digits only.</summary>
public static class LowerHex
{
    private static readonly SearchValues<char> Digits = SearchValues.Create("0123456789abcdef");

    /// <summary>True when <paramref name="text"/> is exactly <paramref name="length"/> lower-case hex digits.</summary>
    public static bool Is(ReadOnlySpan<char> text, int length) =>
        text.Length == length && !text.ContainsAnyExcept(Digits);
}

namespace ModelSync.Transfer;

/// <summary>How many parallel streams a send uses: <c>--streams</c> or <c>defaults.streams</c>, else chosen by the bytes to send.</summary>
internal static class StreamCount
{
    /// <summary>At least this much to send per stream: each costs a connection (about three round trips) before its first byte.</summary>
    public const long BytesPerStream = 64L * 1024 * 1024;

    /// <summary>
    /// At most this many chosen automatically: sshd's default MaxStartups (10) refuses unauthenticated connections
    /// beyond ten at once, and the shared connection is one of them.
    /// </summary>
    public const int MostAutomatic = 8;

    /// <summary>
    /// <paramref name="requested"/> when given. Otherwise one stream per 64 MiB of <paramref name="freshBytes"/> (what
    /// has nothing on the target to delta against), one to eight: a stream moves ~2 MB per round trip (~34 MB/s at
    /// 50 ms), so 64 MiB keeps it busy for about two seconds there, twenty times what its connection costs; below
    /// 64 MiB, one (rsync over the shared connection, no extra connection at all). One with compression, which only
    /// rsync does.
    /// </summary>
    public static int Choose(int? requested, long freshBytes, bool compress) =>
        requested ?? (compress ? 1 : (int)Math.Clamp(freshBytes / BytesPerStream, 1, MostAutomatic));
}

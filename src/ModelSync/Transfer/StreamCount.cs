using System.Diagnostics;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// How many parallel streams a send uses: <c>--streams</c> or <c>defaults.streams</c>, else chosen by the bytes to send
/// and the round trip to the server.
/// </summary>
internal static class StreamCount
{
    /// <summary>At least this much to send per stream: each costs a connection (about three round trips) before its first byte.</summary>
    public const long BytesPerStream = 32L * 1024 * 1024;

    /// <summary>
    /// At most this many chosen automatically: sshd's default MaxStartups (10) refuses unauthenticated connections
    /// beyond ten at once, and the shared connection is one of them.
    /// </summary>
    public const int MostAutomatic = 8;

    /// <summary>
    /// Below this round trip one connection is not held back by its window: ssh keeps ~2 MB in flight, ~130 MB/s at
    /// 15 ms, about what one connection's cipher moves on one core. There more connections only add handshakes and
    /// compete for the same cores (on loopback they made a 1 GiB push slower, not faster).
    /// </summary>
    public static readonly TimeSpan WindowBoundRoundTrip = TimeSpan.FromMilliseconds(15);

    /// <summary>
    /// <paramref name="requested"/> when given. Otherwise one (rsync over the shared connection, no extra connection
    /// at all) with compression (only rsync compresses), with a round trip under <see cref="WindowBoundRoundTrip"/> or
    /// not measured; else one stream per 32 MiB of <paramref name="freshBytes"/> (what has nothing on the target to
    /// delta against), one to eight: a stream moves ~2 MB per round trip (~34 MB/s at 50 ms), so 32 MiB keeps it busy
    /// for about a second there, some ten times what its connection costs (measured at 50 ms: 64 MiB a stream left a
    /// 256 MiB push at 0.57× rsync, the streams idle behind the one that carried a 56 MiB file whole).
    /// </summary>
    public static int Choose(int? requested, long freshBytes, bool compress, TimeSpan? roundTrip) =>
        requested ?? (compress || roundTrip is not { } rtt || rtt < WindowBoundRoundTrip ? 1 : ByBytes(freshBytes));

    /// <summary>The count <paramref name="freshBytes"/> alone would justify over a long round trip.</summary>
    public static int ByBytes(long freshBytes) => (int)Math.Clamp(freshBytes / BytesPerStream, 1, MostAutomatic);

    /// <summary>
    /// The round trip to <paramref name="server"/> over its open connection: a byte echoed back (<see cref="EchoRoundTrip"/>),
    /// more while <paramref name="whilePending"/> has not ended; failing that, the fastest of three empty commands sent at
    /// once, at the cost of one round trip.
    /// </summary>
    public static async Task<TimeSpan> RoundTripAsync(IRemote server, IProcessRunner runner, CancellationToken cancellationToken, Task? whilePending = null)
    {
        if (server is ShellRemote shell && await EchoRoundTrip.MeasureAsync(runner,
                shell.EchoBackProcess(whilePending is null ? EchoRoundTrip.Echoes : EchoRoundTrip.MostEchoes), cancellationToken, whilePending: whilePending) is { } echoed)
            return echoed;
        async Task<TimeSpan> Ping()
        {
            var clock = Stopwatch.StartNew();
            await server.PingAsync(cancellationToken);
            return clock.Elapsed;
        }
        return (await Task.WhenAll(Ping(), Ping(), Ping())).Min();
    }
}

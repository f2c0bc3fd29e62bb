using System.Diagnostics;
using System.Globalization;

namespace ModelSync.Transfer;

/// <summary>A live bar for transports that count bytes themselves (rsync prints its own): at most a few updates a second.</summary>
internal static class StageBar
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>Takes the bytes moved so far (from any thread); null when the listener draws no bar.</summary>
    public static Action<long>? For(ITransferProgress progress, long expected)
    {
        if (!progress.WantsLiveProgress) return null;
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var gate = new Lock();
        return bytes =>
        {
            lock (gate)
            {
                if (clock.Elapsed - last < Interval) return;
                last = clock.Elapsed;
            }
            var rate = bytes / Math.Max(clock.Elapsed.TotalSeconds, 0.001);
            var left = TimeSpan.FromSeconds(Math.Max(0, expected - bytes) / Math.Max(rate, 1));
            progress.Bytes(new RsyncProgress(bytes, expected == 0 ? 100 : (int)Math.Min(100, bytes * 100 / expected),
                ModelSync.Text.Human.Bytes((long)rate) + "/s", left.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)));
        };
    }
}

using System.Diagnostics;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// Waits for something another process does (a file growing, a lock appearing, a server answering) by polling a
/// condition, never by sleeping a guessed time: fast when it happens soon, a clear failure when it never does.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(25);

    /// <summary>Returns once <paramref name="condition"/> holds; after <paramref name="timeout"/> throws naming <paramref name="what"/> and, from <paramref name="explain"/>, what was last seen.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what, Func<string>? explain = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what, explain);

    /// <summary>As above for a condition that must itself wait (a probe).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, Func<string>? explain = null)
    {
        var waited = Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > timeout)
            {
                var detail = explain is null ? "" : "\n" + explain();
                throw new TimeoutException($"gave up waiting for {what} after {timeout.TotalSeconds:0} s{detail}");
            }

            await Task.Delay(Interval);
        }
    }
}

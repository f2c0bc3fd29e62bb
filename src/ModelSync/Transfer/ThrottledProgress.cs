using System.Diagnostics;

namespace ModelSync.Transfer;

/// <summary>
/// rsync's progress updates, parsed and handed on at most every <see cref="Every"/>, and the last one always: rsync
/// prints one per file, 20k for a model of 20k files, and nothing shows them faster than a terminal redraws.
/// </summary>
internal sealed class ThrottledProgress(Action<RsyncProgress>? onProgress)
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);
    private long _handedOn;
    private string? _waiting;

    public void Offer(string line)
    {
        if (onProgress is null) return;
        var now = Stopwatch.GetTimestamp();
        if (_handedOn != 0 && Stopwatch.GetElapsedTime(_handedOn, now) < Every)
        {
            _waiting = line;
            return;
        }
        HandOn(line, now);
    }

    /// <summary>Hands on the update held back last, if any: call it once rsync is done.</summary>
    public void Flush()
    {
        if (_waiting is { } line) HandOn(line, Stopwatch.GetTimestamp());
    }

    private void HandOn(string line, long now)
    {
        // A line shaped like an update that is not one leaves the one held back waiting: it may be the last.
        if (RsyncOutput.ParseProgress(line) is not { } update) return;
        _waiting = null;
        _handedOn = now;
        onProgress!(update);
    }
}

using ModelSync.Reporting;
using ModelSync.Text;
using ModelSync.Transfer;

namespace ModelSync.Cli.Commands;

/// <summary>
/// File names as they go: into the Markdown report, or to stderr when stdout carries JSON. Long transfers
/// list the first files (all of them with <c>--files</c>), then one count at the end, so an agent's context is not flooded. When stderr is a
/// terminal, a live bar (bytes, percent, rate, time left) is redrawn in place there; otherwise nothing but
/// plain lines is written, never control characters: with <paramref name="plainEvery"/>, one progress line at
/// most that often, so an agent or a CI log sees a long transfer move. Warnings are always shown, even with
/// <c>--quiet</c> (to <paramref name="warnings"/>, else with the phases).
/// </summary>
public sealed class ConsoleProgress(TextWriter items, TextWriter phases, bool liveBar, TimeSpan? plainEvery = null,
    TextWriter? warnings = null, ListBound bound = default) : ITransferProgress
{
    private const int BarWidth = 24;
    private int _count;
    private bool _barShown;
    private long _lastPlainLine = System.Diagnostics.Stopwatch.GetTimestamp();

    public bool WantsLiveProgress => liveBar || plainEvery is not null;

    public void Phase(string message)
    {
        ClearBar();
        phases.WriteLine(Printable.Text($"model-sync: {message}"));
    }

    public void Warning(string message)
    {
        ClearBar();
        (warnings ?? phases).WriteLine(Printable.Text($"model-sync: warning: {message}"));
    }

    public void Item(RsyncItem item)
    {
        _count++;
        if (bound.Hidden(_count) > 0) return;
        ClearBar(); // the bar and the list may share one terminal
        items.WriteLine(TransferReport.Item(item));
    }

    public void Bytes(RsyncProgress update)
    {
        if (!liveBar)
        {
            if (plainEvery is not { } every || System.Diagnostics.Stopwatch.GetElapsedTime(_lastPlainLine) < every) return;
            _lastPlainLine = System.Diagnostics.Stopwatch.GetTimestamp();
            phases.WriteLine($"model-sync: {update.Percent}% sent, {Human.Bytes(update.Bytes)}, {update.Rate}, {update.Remaining} left");
            return;
        }
        var filled = Math.Clamp(update.Percent * BarWidth / 100, 0, BarWidth);
        var bar = new string('#', filled) + new string('.', BarWidth - filled);
        phases.Write($"\r[{bar}] {update.Percent,3}% {Human.Bytes(update.Bytes),8} {update.Rate,12} ETA {update.Remaining}  ");
        _barShown = true;
    }

    /// <summary>Runs <paramref name="ask"/> (a question at the terminal) with the bar cleared first.</summary>
    public T Aside<T>(Func<T> ask)
    {
        ClearBar();
        return ask();
    }

    /// <summary>Closes the list: how many were not shown, or that nothing moved.</summary>
    public void Finish()
    {
        ClearBar();
        if (bound.More(_count) is { } more) items.WriteLine("- " + more);
        if (_count == 0) items.WriteLine("- nothing to send");
    }

    private void ClearBar()
    {
        if (!_barShown) return;
        phases.Write("\r" + new string(' ', BarWidth + 48) + "\r");
        _barShown = false;
    }
}

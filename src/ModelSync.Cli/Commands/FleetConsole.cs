using ModelSync.Fleet;
using ModelSync.Paths;
using ModelSync.Reporting;
using ModelSync.Text;
using ModelSync.Transfer;

namespace ModelSync.Cli.Commands;

/// <summary>
/// Progress of a push to several servers, one line per server on stderr. On a terminal the lines are redrawn in
/// place (a block of one line per server); otherwise each event is a plain line <c>[reaper] …</c>, never a
/// control character.
/// </summary>
public sealed class FleetConsole : IFleetProgress
{
    private readonly TextWriter _phases;
    private readonly bool _live;
    private readonly List<string> _names;
    private readonly string[] _lines;
    private readonly int _nameWidth;
    private readonly Lock _gate = new();

    public FleetConsole(TextWriter phases, IReadOnlyList<RemoteSpec> targets, bool live)
    {
        (_phases, _live) = (phases, live);
        _names = targets.Select(t => t.Alias).ToList();
        _nameWidth = _names.Max(n => n.Length) + 2;
        _lines = _names.Select(_ => "waiting").ToArray();
        if (_live) DrawBlock();
    }

    public ITransferProgress For(RemoteSpec target) => new ServerLine(this, _names.IndexOf(target.Alias));

    public void Done(TargetOutcome<TransferResult> outcome) => Set(_names.IndexOf(outcome.Server), outcome switch
    {
        { Failure: { } f } => $"FAILED: {f.Message}",
        { Result.DryRun: true } => $"dry run: {FleetPushReport.Status(outcome)}",
        { Result: { } r } => $"{FleetPushReport.Status(outcome)}: {Human.Count(r.Files, "file")}, {Human.Bytes(r.BytesSent)} sent, verified: {TransferReport.Verified(r.Verification)} ({Human.Seconds(outcome.Seconds)})"
            + (outcome.CopiedFrom is { } source ? $", copied from {source}" : ""),
        _ => "done",
    });

    private void Set(int index, string text)
    {
        lock (_gate)
        {
            _lines[index] = text = Printable.Text(text);
            if (!_live)
            {
                _phases.WriteLine($"[{_names[index]}] {text}");
                return;
            }
            // The cursor rests below the block: go up to this server's line, rewrite it, come back down.
            var up = _names.Count - index;
            _phases.Write($"\u001b[{up}A\r\u001b[2K{Fit(index)}\u001b[{up}B\r");
        }
    }

    private void DrawBlock()
    {
        for (var i = 0; i < _names.Count; i++) _phases.WriteLine(Fit(i));
    }

    private string Fit(int index)
    {
        var line = $"{("[" + _names[index] + "]").PadRight(_nameWidth)} {_lines[index]}";
        var width = Width();
        return line.Length < width ? line : line[..Math.Max(0, width - 2)] + "…";
    }

    private static int Width()
    {
        try
        {
            return Console.WindowWidth > 20 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }

    /// <summary>
    /// Runs <paramref name="ask"/> (a question at the terminal) while no server line is redrawn, one question at a
    /// time; on a terminal the block is drawn again below it.
    /// </summary>
    public T Aside<T>(Func<T> ask)
    {
        lock (_gate)
        {
            var answer = ask();
            if (_live) DrawBlock();
            return answer;
        }
    }

    /// <summary>One server's share: its phases, files and bytes become its line.</summary>
    private sealed class ServerLine(FleetConsole console, int index) : ITransferProgress
    {
        private int _files;
        private long _bytes;

        public bool WantsLiveProgress => console._live;

        public void Phase(string message) => console.Set(index, message);

        public void Item(RsyncItem item)
        {
            if (item.Deleted) return;
            var files = Interlocked.Increment(ref _files);
            var bytes = Interlocked.Add(ref _bytes, item.Size);
            // Plain lines would be one per file per server: only the live line shows them.
            if (console._live) console.Set(index, $"sending: {Human.Count(files, "file")}, {Human.Bytes(bytes)} — {item.Path}");
        }

        public void Bytes(RsyncProgress update) =>
            console.Set(index, $"sending: {update.Percent,3}% {Human.Bytes(update.Bytes)} {update.Rate} ETA {update.Remaining}");
    }
}

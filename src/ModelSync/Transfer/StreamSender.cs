using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// Sends one stream's load over its connection, item by item: a byte range as <c>dd</c> there piped into <c>dd</c>
/// here (or the reverse), whole files as <c>tar -c | tar -x</c>, each through this process (counted, and paced to the
/// stream's share of <c>--bwlimit</c>). A dropped connection is reopened and the item sent again.
/// </summary>
internal sealed class StreamSender(IProcessRunner runner, TransferContext run, StreamConnection connection, int number, int? limitKib, Action<long> moved, ITransferProgress progress)
{
    /// <summary>
    /// Sends every item; <paramref name="sent"/> hears each one once it has arrived. Returns the bytes that went over
    /// the wire. Each item's session opens one item ahead (the second with the first, each later one once the item two
    /// before it is done), so on a long link it is ready while the one before it still moves bytes, and its bytes follow
    /// those at once: a session costs two round trips before its first byte (0.1 s at 50 ms), during which every stream
    /// of a wave of ranges would otherwise idle together.
    /// </summary>
    public async Task<long> SendAsync(StreamLoad load, Func<StreamItem, string> record, Action<StreamItem> sent)
    {
        long wire = 0;
        Ahead? ahead = null;
        try
        {
            for (var i = 0; i < load.Items.Count; i++)
            {
                var item = load.Items[i];
                // Its first try is the one opened ahead, unless a reconnect closed that one's connection.
                var current = ahead ?? Open(item, record, Task.CompletedTask);
                ahead = i + 1 < load.Items.Count ? Open(load.Items[i + 1], record, current.Turn.Copied.Task) : null;
                var first = current.Sending;
                using (current)
                {
                    wire += await TransientRetry.RunAsync(run.Options.Tries, progress, $"stream {number}: ", async () =>
                    {
                        // The next item was opened on the connection the reconnect closes: it opens again after this one.
                        if (ahead is { } stale)
                        {
                            ahead = null;
                            await stale.CancelAsync();
                        }
                        await connection.OpenAsync();
                    }, () => Interlocked.Exchange(ref first, null) ?? SendItemAsync(item, record, null, run.Cancellation), run.Cancellation);
                }
                sent(item);
            }
            return wire;
        }
        finally
        {
            // The item opened ahead of a failed one must not move its bytes after this stream has given up.
            if (ahead is not null) await ahead.CancelAsync();
        }
    }

    /// <summary>An item's first try, started before its turn to copy: cancelled on its own when its connection goes.</summary>
    private sealed record Ahead(Task<long> Sending, PipeTurn Turn, CancellationTokenSource Cancel) : IDisposable
    {
        public async Task CancelAsync()
        {
            await Cancel.CancelAsync();
            // Its failure is the cancellation asked for here.
            await Sending.ContinueWith(_ => { }, TaskScheduler.Default);
            Dispose();
        }

        public void Dispose() => Cancel.Dispose();
    }

    private Ahead Open(StreamItem item, Func<StreamItem, string> record, Task after)
    {
        var turn = new PipeTurn(after, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
        return new Ahead(SendItemAsync(item, record, turn, cancel.Token), turn, cancel);
    }

    /// <summary>One try of <paramref name="item"/>: its processes start now, its bytes move in its <paramref name="turn"/> (at once without one).</summary>
    private async Task<long> SendItemAsync(StreamItem item, Func<StreamItem, string> record, PipeTurn? turn, CancellationToken cancellationToken)
    {
        try
        {
            return await PipeAsync(item, record, turn, cancellationToken);
        }
        finally
        {
            // A try that failed before its pipe ran must not hold up the turn after it.
            turn?.Copied.TrySetResult();
        }
    }

    private async Task<long> PipeAsync(StreamItem item, Func<StreamItem, string> record, PipeTurn? turn, CancellationToken cancellationToken)
    {
        var (producer, consumer, what) = item switch
        {
            FileRange range => (connection.Source.RangeReadProcess(SourcePath(range.File.Path), range.Range),
                connection.Target.RangeWriteProcess(record(range), range.Range), $"a range of {Printable(range.File.Path)}"),
            WholeFiles whole => (connection.Source.TarSendProcess(run.Source.Path, run.SourceTree.RootKind, whole.Files.Select(f => f.Path)),
                connection.Target.TarReceiveProcess(run.Stage, run.SourceTree.RootKind, PosixPath.Name(run.Source.Path),
                    PosixPath.Ancestors(whole.Files.Select(f => f.Path))), "whole files"),
            _ => throw new InvalidOperationException("an unknown stream item"),
        };
        long reported = 0;
        var result = await ProcessPipe.RunAsync(runner, producer with { EndWithParent = true }, consumer with { EndWithParent = true }, total =>
        {
            moved(total - reported);
            reported = total;
        }, limitKib, turn, cancellationToken);
        // tar's exit 1 means a file changed while it was read: the check of the source after the send names it.
        var producerFailed = result.Producer.ExitCode != 0 && !(item is WholeFiles && result.Producer.ExitCode == 1);
        var consumerFailed = result.Consumer.ExitCode != 0;
        // A dropped connection (ssh's 255) explains the other end's failure: it is the one to report, and to retry.
        if (producerFailed && (result.Producer.ExitCode == 255 || !consumerFailed))
            throw RemoteFailure.Describe(run.Source.Remote.Alias, $"read {what} for stream {number}", result.Producer);
        if (consumerFailed) throw RemoteFailure.Describe(run.Target.Remote.Alias, $"write {what} into the staging area (stream {number})", result.Consumer);
        return result.Bytes;
    }

    private string SourcePath(string path) => run.IsDirectory ? PosixPath.Combine(run.Source.Path, path) : run.Source.Path;

    private static string Printable(string path) => Text.Printable.Name(path);
}

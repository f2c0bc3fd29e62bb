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
    /// <summary>Sends every item; <paramref name="sent"/> hears each one once it has arrived. Returns the bytes that went over the wire.</summary>
    public async Task<long> SendAsync(StreamLoad load, Func<StreamItem, string> record, Action<StreamItem> sent)
    {
        long wire = 0;
        foreach (var item in load.Items)
        {
            wire += await TransientRetry.RunAsync(run.Options.Tries, progress, $"stream {number}: ", connection.OpenAsync, () => SendItemAsync(item, record), run.Cancellation);
            sent(item);
        }
        return wire;
    }

    private async Task<long> SendItemAsync(StreamItem item, Func<StreamItem, string> record)
    {
        var (producer, consumer, what) = item switch
        {
            FileRange range => (connection.Source.RangeReadProcess(SourcePath(range.File.Path), range.Range),
                connection.Target.RangeWriteProcess(record(range), range.Range), $"a range of {Printable(range.File.Path)}"),
            WholeFiles whole => (connection.Source.TarSendProcess(run.Source.Path, run.SourceTree.RootKind, whole.Files.Select(f => f.Path)),
                connection.Target.TarReceiveProcess(run.Stage, run.SourceTree.RootKind, PosixPath.Name(run.Source.Path)), "whole files"),
            _ => throw new InvalidOperationException("an unknown stream item"),
        };
        long reported = 0;
        var result = await ProcessPipe.RunAsync(runner, producer with { EndWithParent = true }, consumer with { EndWithParent = true }, total =>
        {
            moved(total - reported);
            reported = total;
        }, limitKib, run.Cancellation);
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

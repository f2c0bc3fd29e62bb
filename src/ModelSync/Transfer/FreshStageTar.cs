using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Text;

namespace ModelSync.Transfer;

/// <summary>
/// A small new model's first send: every directory, file and link as one tar stream over the shared connection into
/// the empty stage this run made. With nothing there to delta against rsync adds nothing but its protocol, some nine
/// round trips over the open connection (0.46 s at 50 ms for a 400 KB model), where a tar stream costs three. Larger
/// models keep rsync: its partial files let a killed run resume, where tar leaves a half-written file to send again.
/// (A new model of 20,000 small files by one tar stream was measured in session 13: faster in some sittings, no faster
/// in the bench's, and several times slower in runs soon after many files were deleted on the server's file system,
/// where rsync was not; docs/performance.md. So it stays with rsync.)
/// </summary>
internal static class FreshStageTar
{
    /// <summary>The shell's exit status for a command it cannot find.</summary>
    private const int CommandNotFound = 127;

    /// <summary>At most this much goes by tar: what a killed run may send again whole costs less than rsync's round trips.</summary>
    public const long MostBytes = 4L * 1024 * 1024;

    /// <summary>
    /// A directory model of at most <see cref="MostBytes"/> into an empty stage this run made, with
    /// streams and compression left to their defaults (<c>--streams</c> given, or <c>--compress</c>, keeps rsync).
    /// </summary>
    public static bool Fits(TransferContext run) =>
        run is { IsDirectory: true, FreshStage: { RootKind: EntryKind.Directory, Entries.Count: 0 }, Options: { Compress: false, Streams: null } }
        && run.SourceTree.TotalBytes <= MostBytes;

    public static string Describe(TransferContext run)
    {
        var server = run.Source.Remote is SshRemote ? run.Source.Remote : run.Target.Remote;
        return $"tar over {server.Connection} (a new model of {Human.Bytes(run.SourceTree.TotalBytes)}: nothing to delta against, no rsync); no compression";
    }

    /// <summary>The send; null when either side has no tar (a server needs only sh, coreutils, find and rsync): rsync then sends.</summary>
    public static async Task<StageSend?> SendAsync(IProcessRunner runner, TransferContext run, Action<RsyncItem> onItem, ITransferProgress progress)
    {
        var files = run.SourceTree.Files.ToList();
        // The directories go too (a header each; tar puts their modes and times back), and the links as links.
        var paths = run.SourceTree.Entries.Select(e => e.Path).Order(StringComparer.Ordinal);
        var producer = run.Source.Remote.TarSendProcess(run.Source.Path, EntryKind.Directory, paths) with { EndWithParent = true };
        // Asked to, the receiver also verifies and publishes in the same call: the client's hashes ride in its command line, or ahead of the stream.
        var together = run.FinishWithSend is { } finish ? run.Target.Remote.TarFinishCall(run.Target.Path, finish.NextRequest()) : null;
        var consumer = (together?.Process ?? run.Target.Remote.TarReceiveProcess(run.Stage, EntryKind.Directory, PosixPath.Name(run.Source.Path), [])) with { EndWithParent = true };
        var literal = files.Sum(f => f.Size);
        var result = await ProcessPipe.RunAsync(runner, producer, consumer, StageBar.For(progress, literal), run.Options.BandwidthLimit, run.Cancellation);
        if (result.Producer.ExitCode == CommandNotFound || result.Consumer.ExitCode == CommandNotFound) return null;
        // Published means every byte there hashed as expected: the lock is released, whatever else went wrong here.
        var finished = result.Consumer.ExitCode == 0 ? together?.Read(result.Consumer.Stdout) : null;
        if (finished is { Published: true }) run.FinishWithSend!.Published();
        // tar's exit 1 means a file changed while it was read: the check of the source after the send names it.
        var (producerFailed, consumerFailed) = (result.Producer.ExitCode is not (0 or 1), result.Consumer.ExitCode != 0);
        // A dropped connection (ssh's 255) explains the other end's failure: it is the one to report, and to retry.
        if (producerFailed && (result.Producer.ExitCode == 255 || !consumerFailed))
            throw RemoteFailure.Describe(run.Source.Remote.Alias, $"read {run.Source.Path} for the tar stream", result.Producer);
        if (consumerFailed)
            throw RemoteFailure.Describe(run.Target.Remote.Alias, together is null ? "unpack the tar stream into the staging area" : "unpack, verify and publish the staging area", result.Consumer);
        foreach (var file in files) onItem(new RsyncItem(file.Path, file.Size, false));
        return new StageSend(result.Bytes, literal) { Finished = finished };
    }
}

using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>Runs rsync between two places and reports each file as it moves.</summary>
public sealed class RsyncRunner(IProcessRunner runner)
{
    /// <summary>
    /// Runs rsync here, or wherever <paramref name="launch"/> says: given rsync's arguments, it returns the process
    /// that runs them (for <c>copy --direct</c>, ssh to the source server running rsync there).
    /// </summary>
    public async Task<RsyncStats> RunAsync(RsyncRequest request, ServerAlias remoteAlias, Action<RsyncItem> onItem, Action<RsyncProgress>? onProgress, CancellationToken cancellationToken,
        Func<IReadOnlyList<string>, ProcessSpec>? launch = null)
    {
        var stdin = request.OnlyFiles is null ? null : PathBytes.NulTerminated(request.OnlyFiles);
        var arguments = RsyncArgs.Build(request);
        var rest = new List<string>();
        var progress = new ThrottledProgress(onProgress);
        var spec = (launch is null ? new ProcessSpec("rsync", arguments) : launch(arguments)) with
        {
            Stdin = stdin,
            EndWithParent = true,
            OnStdoutLine = line =>
            {
                if (RsyncOutput.ParseItem(line) is { } item) onItem(item);
                else if (RsyncOutput.LooksLikeProgress(line)) progress.Offer(line);
                // Item lines of what did not move (directories, unchanged files) are not stats either: only the rest is kept.
                else if (!line.StartsWith(RsyncArgs.ItemPrefix, StringComparison.Ordinal)) rest.Add(line);
            },
        };
        var result = await runner.RunAsync(spec, cancellationToken);
        progress.Flush();
        if (result.ExitCode != 0) throw Describe(remoteAlias, result);
        return RsyncOutput.ParseStats(rest);
    }

    /// <summary>
    /// Runs <paramref name="requests"/> one after the other (see <see cref="CompressionSplit"/>) as one transfer: stats
    /// summed, and the live bar carried across runs, its percent of <paramref name="plannedBytes"/> when there are several.
    /// </summary>
    public async Task<RsyncStats> RunAllAsync(IReadOnlyList<RsyncRequest> requests, long plannedBytes, ServerAlias remoteAlias, Action<RsyncItem> onItem,
        Action<RsyncProgress>? onProgress, CancellationToken cancellationToken, Func<IReadOnlyList<string>, ProcessSpec>? launch = null)
    {
        if (requests.Count == 1) return await RunAsync(requests[0], remoteAlias, onItem, onProgress, cancellationToken, launch);
        var total = new RsyncStats(0, 0, 0, 0, 0);
        long before = 0, latest = 0;
        foreach (var request in requests)
        {
            latest = 0;
            var stats = await RunAsync(request, remoteAlias, onItem, onProgress is null ? null : update =>
            {
                latest = update.Bytes;
                onProgress(Carried(update, before, plannedBytes));
            }, cancellationToken, launch);
            before += latest;
            total = new RsyncStats(total.BytesSent + stats.BytesSent, total.BytesReceived + stats.BytesReceived, total.LiteralBytes + stats.LiteralBytes,
                total.MatchedBytes + stats.MatchedBytes, total.FilesTransferred + stats.FilesTransferred);
        }
        return total;
    }

    /// <summary>Pure: one run's progress line as part of the whole: bytes of earlier runs added, percent of all that is planned.</summary>
    public static RsyncProgress Carried(RsyncProgress update, long before, long plannedBytes) =>
        plannedBytes <= 0 ? update with { Bytes = before + update.Bytes }
            : update with { Bytes = before + update.Bytes, Percent = (int)Math.Min(100, (before + update.Bytes) * 100 / plannedBytes) };

    private static ModelSyncException Describe(ServerAlias alias, ProcessResult result)
    {
        var stderr = result.Stderr;
        if (result.ExitCode == 255 || (result.ExitCode == 12 && stderr.Contains("ssh:", StringComparison.Ordinal)))
            return SshFailure.Classify(alias, stderr);
        if (result.ExitCode == 127)
            return new ModelSyncException("rsync is not installed on this machine", ExitCodes.Failed, "install it (e.g. apt-get install rsync)");
        if (stderr.Contains("rsync: command not found", StringComparison.Ordinal) || stderr.Contains("rsync: not found", StringComparison.Ordinal))
            return new ModelSyncException($"rsync is not installed on {alias.Name}", ExitCodes.Failed, "install it there (e.g. apt-get install rsync)");
        var transient = result.ExitCode is 10 or 12 or 30 or 35 || stderr.Contains("Connection reset", StringComparison.Ordinal)
            || stderr.Contains("connection unexpectedly closed", StringComparison.Ordinal) || stderr.Contains("Broken pipe", StringComparison.Ordinal);
        var what = result.ExitCode switch
        {
            23 => "some files could not be transferred",
            24 => "some source files vanished during the transfer",
            20 => "rsync was interrupted",
            30 or 35 => "rsync timed out",
            _ => $"rsync failed (exit {result.ExitCode})",
        };
        var described = RemoteFailure.Describe(alias, "write the transfer", result);
        return described.Fix is not null && !described.Message.StartsWith("could not", StringComparison.Ordinal)
            ? described
            : new ModelSyncException($"{what}: {SshFailure.LastLine(stderr)}", ExitCodes.Failed,
                "run the same command again: it resumes from what arrived") { Transient = transient };
    }
}

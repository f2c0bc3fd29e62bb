using System.Diagnostics;

namespace ModelSync.Processes;

/// <summary>
/// A pipe's turn among pipes that share a connection one after another: it copies once <see cref="After"/> has
/// ended (the turn before it has copied its bytes), and says in <see cref="Copied"/> when it has copied its own
/// (or never will).
/// </summary>
public sealed record PipeTurn(Task After, TaskCompletionSource Copied);

/// <summary>What both ends of a pipe exited with, and how many bytes went through it.</summary>
public sealed record PipeResult(ProcessResult Producer, ProcessResult Consumer, long Bytes);

/// <summary>
/// <c>producer | consumer</c> with this process in the middle: the producer's stdout is copied into the
/// consumer's stdin through one fixed buffer, so a stream of any size costs the same memory, and its bytes can be
/// counted (and limited) on the way. The consumer's own <see cref="ProcessSpec.Stdin"/>, when it has one, goes ahead
/// of the stream (not counted), as soon as the consumer starts.
/// </summary>
public static class ProcessPipe
{
    private const int BufferSize = 256 * 1024;

    /// <summary>
    /// Runs both to completion. <paramref name="onBytes"/> hears the running total; <paramref name="limitKib"/>
    /// caps the rate (KiB/s). When the consumer stops reading, the producer's stdout is closed so it ends too
    /// (rather than blocking on a full pipe); when the producer ends early, the consumer sees the stream end.
    /// </summary>
    public static Task<PipeResult> RunAsync(IProcessRunner runner, ProcessSpec producer, ProcessSpec consumer, Action<long>? onBytes, int? limitKib, CancellationToken cancellationToken) =>
        RunAsync(runner, producer, consumer, onBytes, limitKib, null, cancellationToken);

    /// <summary>
    /// The same, taking its <paramref name="turn"/> on a shared connection: both processes start at once, so a consumer
    /// on the far side of a long round trip is ready when the bytes before its own are through.
    /// </summary>
    public static async Task<PipeResult> RunAsync(IProcessRunner runner, ProcessSpec producer, ProcessSpec consumer, Action<long>? onBytes, int? limitKib,
        PipeTurn? turn, CancellationToken cancellationToken)
    {
        var sink = new TaskCompletionSource<Stream>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pumped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        long total = 0;
        var consumerRun = runner.RunAsync(consumer with
        {
            WriteStdin = async stdin =>
            {
                sink.TrySetResult(stdin);
                await pumped.Task;
            },
        }, cancellationToken);
        // A consumer that could not start never asks for its input: the producer must not wait for it.
        _ = consumerRun.ContinueWith(_ => sink.TrySetCanceled(), TaskScheduler.Default);
        var producerRun = runner.RunAsync(producer with
        {
            ReadStdout = async stdout =>
            {
                try
                {
                    var into = await sink.Task;
                    if (consumer.Stdin is { } ahead) await into.WriteAsync(ahead, cancellationToken);
                    // However the turn before ended: a failed one is retried on its own.
                    if (turn is not null) await turn.After.ContinueWith(_ => { }, cancellationToken, TaskContinuationOptions.None, TaskScheduler.Default);
                    total = await CopyAsync(stdout, into, onBytes, limitKib, cancellationToken);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                    // The consumer is gone: stop the producer, whose exit code and stderr tell the story.
                    await stdout.DisposeAsync();
                }
                finally
                {
                    pumped.TrySetResult();
                    turn?.Copied.TrySetResult();
                }
            },
        }, cancellationToken);
        var results = await Task.WhenAll(producerRun, consumerRun);
        return new PipeResult(results[0], results[1], Interlocked.Read(ref total));
    }

    /// <summary>
    /// Blocking reads and writes on a thread of its own: on Linux each async pipe operation goes through the event
    /// loop and a thread-pool hop, which cost 5.8 s of CPU per GiB (measured); plain read/write calls cost a fraction.
    /// </summary>
    private static Task<long> CopyAsync(Stream from, Stream to, Action<long>? onBytes, int? limitKib, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() =>
        {
            var buffer = new byte[BufferSize];
            var clock = Stopwatch.StartNew();
            long total = 0;
            int read;
            while ((read = from.Read(buffer)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                to.Write(buffer.AsSpan(0, read));
                total += read;
                onBytes?.Invoke(total);
                if (limitKib is { } limit)
                {
                    var due = TimeSpan.FromSeconds(total / (limit * 1024.0));
                    if (due > clock.Elapsed) cancellationToken.WaitHandle.WaitOne(due - clock.Elapsed);
                }
            }
            to.Flush();
            return total;
        }, cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
}

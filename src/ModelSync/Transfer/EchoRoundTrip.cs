using System.Diagnostics;
using ModelSync.Processes;

namespace ModelSync.Transfer;

/// <summary>
/// The round trip to a server as one byte sent down an open channel and echoed back: unlike an empty command, no
/// process starts on either side while the clock runs. On two busy cores an empty command over loopback took 20–40 ms
/// (ssh's start here, a shell's there), past the 15 ms that calls a link long, so a loopback push went out in eight
/// streams or in one from run to run; the echo measured 1–8 ms there (load 15), and 52 ms through a 50 ms proxy.
/// </summary>
internal static class EchoRoundTrip
{
    /// <summary>Echoes timed after the remote end said it runs: each costs a round trip on the links where streams matter.</summary>
    public const int Echoes = 1;

    /// <summary>
    /// At most this many while something else is awaited anyway (<see cref="MeasureAsync"/>'s <c>whilePending</c>): on two
    /// busy cores one echo over loopback read 86 ms (the server's side not scheduled), and the fastest of a few reads
    /// what the link does.
    /// </summary>
    public const int MostEchoes = 16;

    /// <summary>Longer than any round trip a stream would be opened over: an echo not back by then measures nothing.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The fastest echo through <paramref name="echo"/> (<see cref="Remotes.ShellRemote.EchoBackProcess"/>); null when none
    /// came back within <paramref name="patience"/> (<see cref="Patience"/> when not given). <see cref="Echoes"/> of them,
    /// and more, up to <see cref="MostEchoes"/> (which <paramref name="echo"/> must allow), while
    /// <paramref name="whilePending"/> has not ended: time nobody waits for.
    /// </summary>
    public static async Task<TimeSpan?> MeasureAsync(IProcessRunner runner, ProcessSpec echo, CancellationToken cancellationToken, TimeSpan? patience = null,
        Task? whilePending = null)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(patience ?? Patience);
        try
        {
            return await MeasureWithinAsync(runner, echo, whilePending ?? Task.CompletedTask, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    private static async Task<TimeSpan?> MeasureWithinAsync(IProcessRunner runner, ProcessSpec echo, Task whilePending, CancellationToken cancellationToken)
    {
        var output = new TaskCompletionSource<Stream>(TaskCreationOptions.RunContinuationsAsynchronously);
        var measured = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        TimeSpan? fastest = null;
        var result = await runner.RunAsync(echo with
        {
            ReadStdout = async stdout =>
            {
                output.TrySetResult(stdout);
                await measured.Task;
            },
            WriteStdin = async stdin =>
            {
                try
                {
                    fastest = await TimeEchoesAsync(stdin, await output.Task, whilePending, cancellationToken);
                }
                finally
                {
                    measured.TrySetResult();
                }
            },
        }, cancellationToken);
        return result.ExitCode == 0 ? fastest : null;
    }

    private static async Task<TimeSpan?> TimeEchoesAsync(Stream stdin, Stream stdout, Task whilePending, CancellationToken cancellationToken)
    {
        var sent = new byte[] { (byte)'.' };
        var back = new byte[1];
        if (await stdout.ReadAsync(back, cancellationToken) != 1) return null;
        TimeSpan? fastest = null;
        for (var i = 0; i < Echoes || (i < MostEchoes && !whilePending.IsCompleted); i++)
        {
            var clock = Stopwatch.StartNew();
            await stdin.WriteAsync(sent, cancellationToken);
            await stdin.FlushAsync(cancellationToken);
            if (await stdout.ReadAsync(back, cancellationToken) != 1) return null;
            if (fastest is not { } best || clock.Elapsed < best) fastest = clock.Elapsed;
        }
        return fastest;
    }
}

using ModelSync.Errors;

namespace ModelSync.Transfer;

/// <summary>
/// Runs a step of a transfer that can be repeated safely; a transient failure (dropped connection, restarting
/// sshd) is retried with backoff after reconnecting both places, each try resuming from what the stage holds.
/// </summary>
internal static class TransientRetry
{
    public static Task<T> RunAsync<T>(TransferContext run, ITransferProgress progress, Func<Task<T>> step) =>
        RunAsync(run.Options.Tries, progress, "", async () =>
        {
            await run.Source.Remote.ConnectAsync(run.Cancellation);
            await run.Target.Remote.ConnectAsync(run.Cancellation);
        }, step, run.Cancellation);

    /// <summary>
    /// The same for one part of a step with a connection of its own (a parallel stream): <paramref name="reconnect"/>
    /// before each try after the first; <paramref name="who"/> starts the line that announces a retry.
    /// </summary>
    public static async Task<T> RunAsync<T>(int tries, ITransferProgress progress, string who, Func<Task> reconnect, Func<Task<T>> step, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt > 1) await reconnect();
                return await step();
            }
            catch (ModelSyncException e) when (e.Transient && attempt < tries)
            {
                var delay = TimeSpan.FromSeconds(1 << (attempt - 1));
                progress.Phase($"{who}{e.Message}; trying again in {delay.TotalSeconds:0} s (try {attempt + 1} of {tries})");
                await Task.Delay(delay, cancellationToken);
            }
        }
    }

    public static Task RunAsync(TransferContext run, ITransferProgress progress, Func<Task> step) => RunAsync(run, progress, async () =>
    {
        await step();
        return true;
    });
}

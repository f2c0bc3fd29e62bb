using ModelSync.Errors;

namespace ModelSync.Transfer;

/// <summary>
/// Runs a step of a transfer that can be repeated safely; a transient failure (dropped connection, restarting
/// sshd) is retried with backoff after reconnecting both places, each try resuming from what the stage holds.
/// </summary>
internal static class TransientRetry
{
    public static async Task<T> RunAsync<T>(TransferContext run, ITransferProgress progress, Func<Task<T>> step)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt > 1)
                {
                    await run.Source.Remote.ConnectAsync(run.Cancellation);
                    await run.Target.Remote.ConnectAsync(run.Cancellation);
                }
                return await step();
            }
            catch (ModelSyncException e) when (e.Transient && attempt < run.Options.Tries)
            {
                var delay = TimeSpan.FromSeconds(1 << (attempt - 1));
                progress.Phase($"{e.Message}; trying again in {delay.TotalSeconds:0} s (try {attempt + 1} of {run.Options.Tries})");
                await Task.Delay(delay, run.Cancellation);
            }
        }
    }

    public static Task RunAsync(TransferContext run, ITransferProgress progress, Func<Task> step) => RunAsync(run, progress, async () =>
    {
        await step();
        return true;
    });
}

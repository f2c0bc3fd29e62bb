using ModelSync.Transfer;

namespace ModelSync.Publishing;

/// <summary>
/// The last step of the walk: the verified stage takes the target's place (on the server, one script that
/// ignores hang-ups, so a dropped connection cannot stop it between its two renames). Readers see the old
/// model or the new one, never a mix.
/// </summary>
internal static class Publisher
{
    /// <summary>Null, or the previous version the publish could not remove (the new one is in place all the same).</summary>
    public static async Task<Remotes.PreviousVersionLeft?> PublishAsync(TransferContext run, ITransferProgress progress)
    {
        progress.Phase("Publishing");
        var target = run.Target;
        try
        {
            return await TransientRetry.RunAsync(run, progress, () => target.Remote.PublishAsync(target.Path, run.Cancellation));
        }
        catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested)
        {
            // Once begun on the server the publish finishes; what to say depends on how far it got there.
            throw await InterruptedPublish.DescribeAsync(target.Remote, target.Path, target.Display);
        }
    }
}

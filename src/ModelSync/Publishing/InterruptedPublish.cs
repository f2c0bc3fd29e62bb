using ModelSync.Errors;
using ModelSync.Remotes;

namespace ModelSync.Publishing;

/// <summary>
/// What to say when a publish was interrupted. The publish script ignores hang-ups and interrupts, so once begun on
/// the server it finishes even though this machine stopped waiting: the message must come from the server's state
/// (<see cref="IRemote.PublishStateAsync"/>).
/// </summary>
public static class InterruptedPublish
{
    /// <summary>The one-line error for a command interrupted while publishing <paramref name="target"/> to <paramref name="display"/>.</summary>
    public static async Task<ModelSyncException> DescribeAsync(IRemote remote, string target, string display)
    {
        PublishState state;
        try
        {
            // The command's own token is cancelled by now; this check gets a short time of its own (a second Ctrl-C still ends the process).
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            state = await remote.PublishStateAsync(target, limit.Token);
        }
        catch (Exception e) when (e is ModelSyncException or OperationCanceledException or IOException)
        {
            state = PublishState.Unknown;
        }
        return Describe(state, display);
    }

    /// <summary>Pure: the error for the state the target's place reported.</summary>
    public static ModelSyncException Describe(PublishState state, string display) => state switch
    {
        PublishState.Published => new ModelSyncException($"interrupted after the new version was published: {display} holds it", ExitCodes.Interrupted,
            "nothing to redo; the same command again only confirms it"),
        PublishState.Kept => new ModelSyncException("interrupted before publishing; the target was left as it was", ExitCodes.Interrupted,
            "run the same command again: it resumes from what already arrived"),
        _ => new ModelSyncException($"interrupted while publishing to {display}; whether the new version is in place is not known", ExitCodes.Interrupted,
            "run the same command again: it finishes the publish or confirms it"),
    };
}

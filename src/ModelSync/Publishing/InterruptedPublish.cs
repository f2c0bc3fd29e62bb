using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Publishing;

/// <summary>
/// What to say when a publish was interrupted. The publish script ignores hang-ups and interrupts, so once begun on
/// the server it finishes even though this machine stopped waiting: the message must come from the server's state.
/// </summary>
public static class InterruptedPublish
{
    /// <summary>
    /// $1: stage, $2: name of the old target, $3: target. While both the stage and the old name exist a publish may be
    /// under way (removing a leftover, or between its two renames): wait up to 20 s for it. Then one word: published
    /// (stage gone, target there), kept (stage there, nothing under way), busy (still under way) or gone (neither).
    /// </summary>
    public static string Script => ScriptFiles.Load("publish-state.sh");

    /// <summary>The one-line error for a command interrupted while publishing <paramref name="target"/> to <paramref name="display"/>.</summary>
    public static async Task<ModelSyncException> DescribeAsync(IRemote remote, string target, string display)
    {
        string state;
        try
        {
            // The command's own token is cancelled by now; this check gets a short time of its own (a second Ctrl-C still ends the process).
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            var result = await remote.RunScriptAsync(Script, [StageNames.Stage(target), StageNames.Old(target), target], limit.Token);
            state = result.ExitCode == 0 ? result.StdoutText.Trim() : "unknown";
        }
        catch (Exception e) when (e is ModelSyncException or OperationCanceledException or IOException)
        {
            state = "unknown";
        }
        return Describe(state, display);
    }

    /// <summary>Pure: the error for the state <see cref="Script"/> reported.</summary>
    public static ModelSyncException Describe(string state, string display) => state switch
    {
        "published" => new ModelSyncException($"interrupted after the new version was published: {display} holds it", ExitCodes.Interrupted,
            "nothing to redo; the same command again only confirms it"),
        "kept" => new ModelSyncException("interrupted before publishing; the target was left as it was", ExitCodes.Interrupted,
            "run the same command again: it resumes from what already arrived"),
        _ => new ModelSyncException($"interrupted while publishing to {display}; whether the new version is in place is not known", ExitCodes.Interrupted,
            "run the same command again: it finishes the publish or confirms it"),
    };
}

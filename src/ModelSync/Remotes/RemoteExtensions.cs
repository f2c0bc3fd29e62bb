using ModelSync.Processes;

namespace ModelSync.Remotes;

public static class RemoteExtensions
{
    /// <summary>Runs a script and turns a non-zero exit into one clear line naming <paramref name="what"/>.</summary>
    public static async Task<ProcessResult> RunCheckedAsync(this IRemote remote, string script, IReadOnlyList<string> arguments, string what, CancellationToken cancellationToken, byte[]? stdin = null)
    {
        var result = await remote.RunScriptAsync(script, arguments, cancellationToken, stdin);
        if (result.ExitCode != 0) throw RemoteFailure.Describe(remote.Alias, what, result);
        return result;
    }
}

using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Resolve;
using ModelSync.Text;
using ModelSync.Transfer;

namespace ModelSync.Operations;

/// <summary>Resolves <c>push</c> and <c>pull</c> arguments to endpoints and runs the transfer.</summary>
public static class PushPull
{
    public static async Task<TransferResult> PushAsync(RemoteSession session, string localPath, string remote, bool outsideBase, TransferOptions options, ITransferProgress progress, Action<Endpoint, Endpoint> onResolved, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var (from, to) = await new EndpointResolver(session).PushAsync(localPath, remote, outsideBase, Warner(warnings, progress), cancellationToken);
        // Cancelled on every way out that does not list the source with it.
        await using var early = from.EarlyListing;
        warnings.AddRange(CheckNaming(session.Config.Naming, PosixPath.Name(to.Path), options.StrictNaming, progress));
        onResolved(from, to);
        options = WithNaming(options, session);
        var result = await new TransferOperation(LocalStageTransport.Choose(session.Runner, from, to, options), session.Hasher, progress).RunAsync(Direction.Push, from, to, options, cancellationToken);
        return result with { Warnings = [.. warnings, .. result.Warnings] };
    }

    public static async Task<TransferResult> PullAsync(RemoteSession session, string remote, string localPath, bool outsideBase, TransferOptions options, ITransferProgress progress, Action<Endpoint, Endpoint> onResolved, CancellationToken cancellationToken)
    {
        var warnings = new List<string>();
        var (from, to) = await new EndpointResolver(session).PullAsync(remote, localPath, outsideBase, Warner(warnings, progress), cancellationToken);
        onResolved(from, to);
        options = WithNaming(options, session);
        var result = await new TransferOperation(LocalStageTransport.Choose(session.Runner, from, to, options), session.Hasher, progress).RunAsync(Direction.Pull, from, to, options, cancellationToken);
        return result with { ResolvedFrom = from.Resolved?.Selector, Warnings = [.. warnings, .. result.Warnings] };
    }

    /// <summary>The config's naming pattern decides which versions beside a new one are of its MODEL, and so which one it starts from.</summary>
    internal static TransferOptions WithNaming(TransferOptions options, RemoteSession session) =>
        options with { Basis = options.Basis with { Pattern = session.Config.Naming.Pattern } };

    /// <summary>A warning goes to stderr at once (as a phase line) and into the report.</summary>
    public static Action<string> Warner(List<string> warnings, ITransferProgress progress) => warning =>
    {
        warnings.Add(warning);
        progress.Warning(warning);
    };

    /// <summary>
    /// Preflight for a push target's name: nothing when it follows the naming pattern; otherwise a refusal
    /// (exit 2, before anything is sent) under <c>--strict-naming</c> or <c>naming.strict</c>, else one warning,
    /// told to <paramref name="progress"/> (a line on stderr) and returned for the report.
    /// </summary>
    public static IReadOnlyList<string> CheckNaming(Config.NamingConvention naming, string targetName, bool strictFlag, ITransferProgress progress)
    {
        if (NamingProblem(naming, targetName) is not { } problem) return [];
        if (strictFlag || naming.Strict)
            throw ModelSyncException.Usage(problem + (strictFlag ? " (--strict-naming)" : " (naming.strict: true)"),
                $"push to alias:<name> with a name that follows it (`{ToolName.Command} name --help` builds one)"
                + (strictFlag ? ", or drop --strict-naming" : ", or set naming.strict: false"));
        progress.Warning(problem);
        return [problem];
    }

    /// <summary>Pure: why a push target's name does not follow the naming pattern, or null when it does.</summary>
    public static string? NamingProblem(Config.NamingConvention naming, string targetName) =>
        naming.Pattern.Conforms(targetName) ? null : $"target name '{targetName}' does not follow {naming.Pattern.Template}: {naming.Pattern.Explain(targetName)}";
}

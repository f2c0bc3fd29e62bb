using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Transfer;
using ModelSync.Versioning;

namespace ModelSync.Operations;

/// <summary>Resolves <c>push</c> and <c>pull</c> arguments to endpoints and runs the transfer.</summary>
public static class PushPull
{
    public static async Task<TransferResult> PushAsync(RemoteSession session, string localPath, string remote, bool outsideBase, TransferOptions options, ITransferProgress progress, Action<Endpoint, Endpoint> onResolved, CancellationToken cancellationToken)
    {
        var spec = RemoteSpec.Parse(remote);
        RefuseLatest(spec);
        var source = LocalSource(localPath);
        var warnings = new List<string>();
        var server = await session.ConnectForTransferAsync(spec.Alias, Warner(warnings, progress), cancellationToken);
        var targetPath = ModelBasePaths.Resolve(server.ModelBase, spec.Path, PosixPath.Name(source), outsideBase);
        warnings.AddRange(CheckNaming(session.Config.Naming, PosixPath.Name(targetPath), options.StrictNaming, progress));
        var from = new Endpoint(await session.ThisMachineAsync(cancellationToken), source, localPath);
        var to = new Endpoint(server, targetPath, $"{spec.Alias}:{targetPath}");
        onResolved(from, to);
        var result = await new TransferOperation(LocalStageTransport.Choose(session.Runner, from, to, options), session.Hasher, progress).RunAsync(Direction.Push, from, to, options, cancellationToken);
        return result with { Warnings = [.. warnings, .. result.Warnings] };
    }

    public static async Task<TransferResult> PullAsync(RemoteSession session, string remote, string localPath, bool outsideBase, TransferOptions options, ITransferProgress progress, Action<Endpoint, Endpoint> onResolved, CancellationToken cancellationToken)
    {
        var spec = RemoteSpec.Parse(remote);
        if (spec.Path is null)
            throw ModelSyncException.Usage($"'{remote}' names no model", $"write it as {spec.Alias}:<model>, e.g. {spec.Alias}:my_model (see `model-sync list {spec.Alias}`)");
        var warnings = new List<string>();
        var server = await session.ConnectForTransferAsync(spec.Alias, Warner(warnings, progress), cancellationToken);
        var latest = await ListOperation.ResolveLatestAsync(session, server, spec.Path, remote, cancellationToken);
        var sourcePath = ModelBasePaths.Resolve(server.ModelBase, latest?.Chosen.Name ?? spec.Path, null, outsideBase);
        var targetPath = ModelBasePaths.LocalPullTarget(localPath, PosixPath.Name(sourcePath), LocalPaths.IsDirectory(localPath));
        var from = new Endpoint(server, sourcePath, $"{spec.Alias}:{sourcePath}") { Resolved = latest };
        var to = new Endpoint(await session.ThisMachineAsync(cancellationToken), targetPath, targetPath);
        onResolved(from, to);
        var result = await new TransferOperation(LocalStageTransport.Choose(session.Runner, from, to, options), session.Hasher, progress).RunAsync(Direction.Pull, from, to, options, cancellationToken);
        return result with { ResolvedFrom = latest?.Selector, Warnings = [.. warnings, .. result.Warnings] };
    }

    /// <summary>A warning goes to stderr at once (as a phase line) and into the report.</summary>
    public static Action<string> Warner(List<string> warnings, ITransferProgress progress) => warning =>
    {
        warnings.Add(warning);
        progress.Warning(warning);
    };

    /// <summary>A push needs the exact name to write: <c>MODEL@latest</c> only picks among existing versions.</summary>
    public static void RefuseLatest(RemoteSpec spec)
    {
        if (LatestSelector.TryParse(spec.Path, out _))
            throw ModelSyncException.Usage($"'{spec}': @latest picks an existing version to read; a push needs the exact name",
                $"push to {spec.Alias}:<name>, e.g. the one `model-sync name --gpu <GPU> --model <MODEL> --date <DATE>` prints");
    }

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
                "push to alias:<name> with a name that follows it (`model-sync name --help` builds one)"
                + (strictFlag ? ", or drop --strict-naming" : ", or set naming.strict: false"));
        progress.Warning(problem);
        return [problem];
    }

    /// <summary>Pure: why a push target's name does not follow the naming pattern, or null when it does.</summary>
    public static string? NamingProblem(Config.NamingConvention naming, string targetName) =>
        naming.Pattern.Conforms(targetName) ? null : $"target name '{targetName}' does not follow {naming.Pattern.Template}: {naming.Pattern.Explain(targetName)}";

    /// <summary>The absolute local source, which must exist.</summary>
    public static string LocalSource(string localPath)
    {
        var full = Path.GetFullPath(localPath).TrimEnd('/');
        if (full.Length == 0) full = "/";
        if (!LocalPaths.Exists(full))
            throw ModelSyncException.Usage($"local path not found: {localPath}", "check the path; run from the directory that holds the model");
        return full;
    }
}

using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Text;

namespace ModelSync.Resolve;

/// <summary>
/// The refusals of <see cref="EndpointResolver"/>, each written once: a usage error (exit 2) that names what was typed
/// and how to write it instead. The alias lookup's (<see cref="Config.ModelSyncConfig.Alias"/>) and model_base's
/// (<see cref="ModelBasePaths"/>) are their own.
/// </summary>
public static class ResolveErrors
{
    /// <summary>A read (pull, copy's source) of <c>alias</c> or <c>alias:</c>: which model?</summary>
    public static ModelSyncException NoModel(string typed, RemoteSpec spec) =>
        NamesNoModel(typed, $"write it as {spec.Alias}:<model>, e.g. {spec.Alias}:my_model (see `{ToolName.Command} list {spec.Alias}`)");

    /// <summary><c>verify alias</c> without a local copy: nothing to check against a manifest.</summary>
    public static ModelSyncException NoModelToVerify(string typed, RemoteSpec spec) =>
        NamesNoModel(typed, $"write it as {spec.Alias}:<model>, or give a local copy: verify <local> {spec.Alias}");

    /// <summary>The same for several servers, refused before any is contacted: the fix may name a group.</summary>
    public static ModelSyncException NoModelToVerifyOnEach(RemoteSpec bare) =>
        ModelSyncException.Usage($"'{bare}' names no model to check against its manifest",
            $"write {bare}:<model> (or @group:<model>), or give a local copy first: verify <local> {bare}");

    /// <summary><c>MODEL@latest</c> as the target of a push or copy, which writes a name rather than choosing one.</summary>
    public static ModelSyncException LatestAsTarget(RemoteSpec spec, Direction direction) =>
        ModelSyncException.Usage($"'{spec}': @latest picks an existing version to read; a {direction.Command()} needs the exact name", direction switch
        {
            Direction.Push => $"push to {spec.Alias}:<name>, e.g. the one `{ToolName.Command} name --gpu <GPU> --model <MODEL> --date <DATE>` prints",
            Direction.Copy => $"copy to {spec.Alias} or {spec.Alias}:<name>",
            _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "only a push or a copy writes to alias:path"),
        });

    /// <summary>A copy within one server whose source and target contain one another.</summary>
    public static ModelSyncException Overlap(string source, string target) =>
        ModelSyncException.Usage($"{source} and {target} overlap", "copy to another path or server");

    /// <summary>The local model of a push, diff or verify is not there.</summary>
    public static ModelSyncException LocalNotFound(string localPath) =>
        ModelSyncException.Usage($"local path not found: {localPath}", "check the path; run from the directory that holds the model");

    private static ModelSyncException NamesNoModel(string typed, string fix) => ModelSyncException.Usage($"'{typed}' names no model", fix);
}

using ModelSync.Errors;

namespace ModelSync.Paths;

/// <summary>
/// Maps what the user typed after <c>alias:</c> to an absolute path under the alias's <c>model_base</c>,
/// so that nothing escapes it by accident.
/// </summary>
public static class ModelBasePaths
{
    /// <summary>
    /// The absolute target for <paramref name="typed"/> (null: the default <paramref name="defaultName"/> directly
    /// under the base). A path ending in <c>/</c> is a directory to put <paramref name="defaultName"/> into.
    /// </summary>
    public static string Resolve(string modelBase, string? typed, string? defaultName, bool allowOutsideBase)
    {
        var normalizedBase = PosixPath.Normalize(modelBase) ?? modelBase;
        var into = typed is null || typed.EndsWith('/');
        var candidate = typed is null ? normalizedBase : PosixPath.Combine(normalizedBase, typed);
        if (into)
        {
            if (defaultName is null)
                throw ModelSyncException.Usage($"'{typed ?? ""}' names a directory, not a model", "name the model, e.g. reaper:my_model");
            candidate = PosixPath.Combine(candidate, defaultName);
        }
        var resolved = PosixPath.Normalize(candidate);
        var relative = typed is not null && !typed.StartsWith('/');
        if (resolved is null || (relative && !PosixPath.IsInside(resolved, normalizedBase)))
            throw ModelSyncException.Usage($"remote path '{typed}' escapes model_base {normalizedBase}", "use a path inside model_base, without '..'");
        if (!relative && !allowOutsideBase && !PosixPath.IsInside(resolved, normalizedBase))
            throw ModelSyncException.Usage($"remote path '{typed}' is outside model_base {normalizedBase}", "use a path inside model_base, or add --outside-base if you mean it");
        if (resolved == normalizedBase || resolved == "/")
            throw ModelSyncException.Usage($"remote path '{typed}' is model_base itself", "name a model directory inside it, e.g. alias:my_model");
        return resolved;
    }

    /// <summary>
    /// Where a pull lands locally: inside <paramref name="localDestination"/> when it ends in <c>/</c> or is an existing
    /// directory, otherwise at that exact path. An existing directory that is itself a model's copy
    /// (<paramref name="destinationIsModelCopy"/>: its top holds only what the model's top holds) is the target, so the same
    /// <c>pull srv:m ./copy</c> run again updates <c>./copy</c> in place instead of nesting <c>./copy/m</c>.
    /// </summary>
    public static string LocalPullTarget(string localDestination, string remoteName, bool destinationIsDirectory, bool destinationIsModelCopy = false)
    {
        var full = System.IO.Path.GetFullPath(localDestination);
        var into = localDestination.EndsWith('/') || localDestination is "." or ".." || (destinationIsDirectory && !destinationIsModelCopy);
        return into ? System.IO.Path.Join(full, remoteName) : full.TrimEnd('/');
    }
}

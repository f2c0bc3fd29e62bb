using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Resolve;

namespace ModelSync.Preflight;

/// <summary>
/// A symlink at the target's name. Writing through it would change what it points to in place (another version, or
/// a directory outside model_base), file by file and unverified; so a transfer there is refused, or, with
/// <c>--replace-link</c>, the link itself is replaced by the new model exactly as a new target would be.
/// </summary>
internal static class TargetLink
{
    /// <summary>
    /// The target's listing to plan against: <paramref name="scanned"/> when it is not a link. For a link, null (nothing
    /// there to keep, seed the stage from, or delete) and a <paramref name="warning"/> under <paramref name="replaceLink"/>;
    /// without it, a usage error naming the link, what it points to, and the two ways forward.
    /// </summary>
    public static TreeListing? Check(Direction direction, Endpoint target, TreeListing? scanned, bool replaceLink, out string? warning)
    {
        warning = null;
        if (scanned?.RootLink is not { } link) return scanned;
        var pointsTo = PosixPath.Normalize(PosixPath.Combine(PosixPath.Parent(target.Path), link)) ?? link;
        // The same place as the user would name it: alias:/path for a server, the bare path here.
        var named = target.Display.EndsWith(target.Path, StringComparison.Ordinal) ? target.Display[..^target.Path.Length] + pointsTo : pointsTo;
        if (!replaceLink)
            throw ModelSyncException.Usage($"{target.Display} is a symlink to {pointsTo}; model-sync does not write through a link",
                $"{direction.Command()} to {named} by its own name, or add --replace-link to put the new model in place of the link (what it points to is left as it is)");
        warning = $"replacing the symlink {target.Display} (to {pointsTo}) with the new model; {pointsTo} is left as it is";
        return null;
    }
}

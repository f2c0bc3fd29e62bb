
namespace ModelSync.Paths;

/// <summary>
/// Names of the hidden siblings a push keeps next to its target. They start with a dot, so model servers
/// (Triton among them) do not load them, and with <see cref="Prefix"/>, so <c>list</c> leaves them out.
/// </summary>
public static class StageNames
{
    public const string Prefix = ".model-sync-";

    /// <summary>Where the new version is assembled; named per target, so a rerun finds and resumes it.</summary>
    public static string Stage(string target) => Sibling(target, "stage");

    /// <summary>Where a hard-link seed is built before it becomes the stage.</summary>
    public static string Seed(string target) => Sibling(target, "seed");

    /// <summary>Where the previous version waits for the instant between the two renames of a publish.</summary>
    public static string Old(string target) => Sibling(target, "old");

    /// <summary>Where a local copy writes each file before renaming it into the stage, so no partial file ever has a real name.</summary>
    public static string Partial(string target) => Sibling(target, "partial");

    /// <summary>Where <c>prune</c> renames a version before removing it, so readers see the whole version or nothing.</summary>
    public static string Pruned(string target) => Sibling(target, "pruned");

    /// <summary>The lock that lets one push or pull at a time work on the target.</summary>
    public static string Lock(string target) => Sibling(target, "lock");

    /// <summary>
    /// Where the lock's holder record is kept when the lock is released with the stage still there (the command stopped
    /// before publishing), so <c>list</c> can name the command that resumes it; removed once a release finds no stage.
    /// </summary>
    public static string Resume(string target) => Sibling(target, "resume");

    /// <summary>The role (<c>stage</c>, <c>lock</c>, …) and target name of a sibling named by this class; false for any other name.</summary>
    public static bool TryParse(string name, out string role, out string target)
    {
        (role, target) = ("", "");
        if (!IsControlName(name)) return false;
        var dot = name.IndexOf('.', Prefix.Length);
        if (dot < 0 || dot == name.Length - 1) return false;
        (role, target) = (name[Prefix.Length..dot], name[(dot + 1)..]);
        return true;
    }

    public static bool IsControlName(string name) => name.StartsWith(Prefix, StringComparison.Ordinal);

    private static string Sibling(string target, string role) =>
        PosixPath.Combine(PosixPath.Parent(target), $"{Prefix}{role}.{PosixPath.Name(target)}");
}

using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>One line of <c>/proc/self/mountinfo</c>: where a file system is mounted, its type and its source.</summary>
public sealed record MountEntry(string MountPoint, string FileSystemType, string Source);

/// <summary>
/// Where a server's <c>model_base</c> might also be mounted on this machine, for <c>local_path: auto</c>. These are
/// guesses from path names only; <see cref="SharedMount"/> proves one before anything relies on it.
/// </summary>
public static class MountCandidates
{
    /// <summary>
    /// The same path here, then every network mount whose source <c>host:/export</c> contains <paramref name="modelBase"/>
    /// (mapped into its mount point), each once, in that order.
    /// </summary>
    public static IReadOnlyList<string> Find(string modelBase, IEnumerable<MountEntry> mounts, Func<string, bool> directoryExists)
    {
        var found = new List<string>();
        if (directoryExists(modelBase)) found.Add(modelBase);
        foreach (var mount in mounts)
        {
            var colon = mount.Source.IndexOf(":/", StringComparison.Ordinal);
            if (colon <= 0) continue;
            var export = PosixPath.Normalize(mount.Source[(colon + 1)..]) ?? "";
            if (export.Length == 0 || !PosixPath.IsInside(modelBase, export)) continue;
            var rest = modelBase[export.Length..].TrimStart('/');
            var candidate = rest.Length == 0 ? mount.MountPoint : PosixPath.Combine(mount.MountPoint, rest);
            if (directoryExists(candidate) && !found.Contains(candidate)) found.Add(candidate);
        }
        return found;
    }

    /// <summary>Parses mountinfo: <c>id parent major:minor root mount-point options [optional…] - type source super-options</c>.</summary>
    public static IReadOnlyList<MountEntry> Parse(string mountinfo)
    {
        var entries = new List<MountEntry>();
        foreach (var line in mountinfo.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            var dash = Array.IndexOf(fields, "-", 6);
            if (fields.Length < 5 || dash < 0 || dash + 2 >= fields.Length) continue;
            entries.Add(new MountEntry(Unescape(fields[4]), fields[dash + 1], Unescape(fields[dash + 2])));
        }
        return entries;
    }

    /// <summary>The kernel writes space, tab, newline and backslash as <c>\040</c>-style octal escapes.</summary>
    private static string Unescape(string field) => OctalEscapes.Undo(field, "\\");
}

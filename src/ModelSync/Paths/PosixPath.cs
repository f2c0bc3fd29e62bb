namespace ModelSync.Paths;

/// <summary>Pure string operations on POSIX paths, independent of the machine this runs on.</summary>
public static class PosixPath
{
    /// <summary>Collapses <c>.</c>, <c>..</c> and repeated slashes. Returns null when <c>..</c> climbs above the start of a relative path or above <c>/</c>.</summary>
    public static string? Normalize(string path)
    {
        var absolute = path.StartsWith('/');
        var parts = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".") continue;
            if (segment == "..")
            {
                if (parts.Count == 0) return null;
                parts.RemoveAt(parts.Count - 1);
                continue;
            }
            parts.Add(segment);
        }
        var joined = string.Join('/', parts);
        return absolute ? "/" + joined : joined;
    }

    public static string Combine(string a, string b) =>
        b.StartsWith('/') ? b : a.EndsWith('/') ? a + b : a + "/" + b;

    /// <summary>True when <paramref name="path"/> is <paramref name="root"/> or lies below it (both normalized, absolute).</summary>
    public static bool IsInside(string path, string root) =>
        path == root || path.StartsWith(root == "/" ? "/" : root + "/", StringComparison.Ordinal);

    public static string Name(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash < 0 ? trimmed : trimmed[(slash + 1)..];
    }

    public static string Parent(string path)
    {
        var trimmed = path.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        return slash <= 0 ? "/" : trimmed[..slash];
    }

    /// <summary>Every directory above the relative <paramref name="paths"/> (not the root they are relative to), once each, in ordinal order.</summary>
    public static IReadOnlyCollection<string> Ancestors(IEnumerable<string> paths)
    {
        var found = new SortedSet<string>(StringComparer.Ordinal);
        // A directory seen before had its own parents added then.
        foreach (var path in paths)
            for (var slash = path.LastIndexOf('/'); slash > 0 && found.Add(path[..slash]); slash = path.LastIndexOf('/', slash - 1)) { }
        return found;
    }
}

using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.Resolve;

/// <summary>
/// Whether an existing local directory, typed without a trailing <c>/</c>, is the copy a first <c>pull srv:m ./copy</c>
/// made (so the same command again updates it in place) rather than a directory to pull into. It is when it holds
/// something, has no entry named like the model, and everything at its top is also at the model's top. Only that
/// ambiguous case costs a scan of the source; every other destination is decided by its form alone.
/// </summary>
public static class PulledCopy
{
    public static async Task<bool> IsCopyAsync(Endpoint source, string localPath, CancellationToken cancellationToken)
    {
        if (localPath.EndsWith('/') || localPath is "." or ".." || !LocalPaths.IsDirectory(localPath)) return false;
        if (LocalPaths.Exists(Path.Join(localPath, PosixPath.Name(source.Path)))) return false;
        var here = Directory.EnumerateFileSystemEntries(localPath).Select(Path.GetFileName).OfType<string>()
            .Where(name => !StageNames.IsControlName(name)).ToList();
        if (here.Count == 0) return false;
        var tree = await source.Remote.ScanAsync(source.Path, cancellationToken);
        if (tree is not { RootKind: EntryKind.Directory }) return false;
        var top = tree.Entries.Select(e => e.Path).Where(p => p.Length > 0 && !p.Contains('/', StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
        return here.TrueForAll(top.Contains);
    }
}

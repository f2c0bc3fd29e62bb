using ModelSync.Hashing;
using ModelSync.Text;

namespace ModelSync.Manifests;

/// <summary>
/// The checks a parsed manifest must pass before it vouches for anything: a known hash function; every entry a
/// relative path inside the model (no <c>..</c>, <c>.</c>, empty or absolute parts), listed once, with a size, an mtime
/// and a hash in lower-case hex of the function's length.
/// </summary>
public static class ManifestCheck
{
    /// <summary>The first problem of <paramref name="manifest"/>, or null when it holds up.</summary>
    public static string? Problem(ModelManifest manifest)
    {
        if (manifest.Function is not { } function) return $"unknown hash {Quoted.Name(manifest.Algorithm ?? "")}";
        if (manifest.Files is null) return "it lists no files";
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in manifest.Files)
        {
            if (EntryProblem(file, function) is { } problem) return problem;
            seen[file.Path] = seen.GetValueOrDefault(file.Path) + 1;
        }
        return seen.FirstOrDefault(p => p.Value > 1) is { Key: { } path, Value: var count } ? $"{count} entries for {Quoted.Name(path)}" : null;
    }

    private static string? EntryProblem(ManifestFile? file, HashFunction function) => file switch
    {
        null => "an empty entry",
        { Path: null or "" } => "an entry without a path",
        _ when !IsInside(file.Path) => $"{Quoted.Name(file.Path)} is not a path inside the model",
        { Size: < 0 } => $"{Quoted.Name(file.Path)} has a negative size",
        { MtimeMicroseconds: < 0 or > 999_999 } => $"{Quoted.Name(file.Path)} has an mtime out of range",
        _ when !LowerHex.Is(file.Hash, function.HexLength) => $"the hash of {Quoted.Name(file.Path)} is not {function.Name} hex",
        _ => null,
    };

    private static bool IsInside(string path) =>
        !path.Contains('\0', StringComparison.Ordinal) && path.Split('/').All(part => part is not ("" or "." or ".."));
}

using System.Globalization;
using ModelSync.Config;
using ModelSync.Manifests;

namespace ModelSync.Verification;

/// <summary>
/// Hashes of local files, remembered per hash function by (path, inode, size, mtime to the nanosecond), so
/// re-pushing an unchanged tree does not read it again. A file rewritten in any way gets a new mtime or inode and
/// is hashed afresh. The cache is an optimisation only: a missing or damaged file means an empty cache, and a
/// failed save is ignored. A line's first field is the hash, prefixed <c>name:</c> for any function but sha256
/// (whose bare form earlier versions wrote, and still read, skipping the others).
/// </summary>
public sealed class HashCache
{
    private const int MaxEntries = 500_000;
    private readonly string _file;
    private readonly Dictionary<(string Function, string Path), Entry> _entries;
    private bool _dirty;

    private HashCache(string file, Dictionary<(string Function, string Path), Entry> entries)
    {
        _file = file;
        _entries = entries;
    }

    private sealed record Entry(string Hash, long Inode, long Size, string Modified);

    public static string DefaultFile =>
        Path.Join(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Join(HomePath.Home, ".cache"),
            "model-sync", "hashes.tsv");

    public static HashCache Load(string file)
    {
        var entries = new Dictionary<(string, string), Entry>();
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                var f = line.Split('\t', 5);
                if (f.Length == 5 && SplitHash(f[0]) is (var function, var hash) && hash.Length == function.HexLength
                    && long.TryParse(f[1], CultureInfo.InvariantCulture, out var inode)
                    && long.TryParse(f[2], CultureInfo.InvariantCulture, out var size))
                    entries[(function.Name, f[4])] = new Entry(hash, inode, size, f[3]);
            }
        }
        catch (IOException)
        {
            entries.Clear();
        }
        catch (UnauthorizedAccessException)
        {
            entries.Clear();
        }
        return new HashCache(file, entries);
    }

    public string? Lookup(string absolutePath, TreeEntry file, HashFunction function) =>
        _entries.TryGetValue((function.Name, absolutePath), out var e) && e.Inode == file.Inode && e.Size == file.Size
            && e.Modified == file.ModifiedExact && file.ModifiedExact.Length > 0
            ? e.Hash
            : null;

    public void Store(string absolutePath, TreeEntry file, HashFunction function, string hash)
    {
        if (file.ModifiedExact.Length == 0 || absolutePath.Contains('\n', StringComparison.Ordinal)) return;
        _entries[(function.Name, absolutePath)] = new Entry(hash, file.Inode, file.Size, file.ModifiedExact);
        _dirty = true;
    }

    private static (HashFunction Function, string Hash)? SplitHash(string field)
    {
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return (HashFunction.Sha256, field);
        return HashFunction.TryParse(field[..colon]) is { } function && function != HashFunction.Sha256 ? (function, field[(colon + 1)..]) : null;
    }

    private static string JoinHash(string function, string hash) => function == HashFunction.Sha256.Name ? hash : function + ":" + hash;

    /// <summary>Writes the cache (temp file, then rename) if anything was added.</summary>
    public void Save()
    {
        if (!_dirty) return;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            var temp = _file + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            using (var writer = new StreamWriter(temp))
            {
                foreach (var ((function, path), e) in _entries.TakeLast(MaxEntries))
                    writer.Write($"{JoinHash(function, e.Hash)}\t{e.Inode.ToString(CultureInfo.InvariantCulture)}\t{e.Size.ToString(CultureInfo.InvariantCulture)}\t{e.Modified}\t{path}\n");
            }
            File.Move(temp, _file, overwrite: true);
            _dirty = false;
        }
        catch (IOException)
        {
            // Next run hashes again; nothing else depends on the cache.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: a read-only home only costs speed.
        }
    }
}

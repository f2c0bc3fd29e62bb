using System.Globalization;
using ModelSync.Config;
using ModelSync.Manifests;

namespace ModelSync.Verification;

/// <summary>
/// sha256 of local files, remembered by (path, inode, size, mtime to the nanosecond), so re-pushing an unchanged
/// tree does not read it again. A file rewritten in any way gets a new mtime or inode and is hashed afresh. The
/// cache is an optimisation only: a missing or damaged file means an empty cache, and a failed save is ignored.
/// </summary>
public sealed class HashCache
{
    private const int MaxEntries = 500_000;
    private readonly string _file;
    private readonly Dictionary<string, Entry> _entries;
    private bool _dirty;

    private HashCache(string file, Dictionary<string, Entry> entries)
    {
        _file = file;
        _entries = entries;
    }

    private sealed record Entry(string Sha256, long Inode, long Size, string Modified);

    public static string DefaultFile =>
        Path.Join(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Join(HomePath.Home, ".cache"),
            "model-sync", "hashes.tsv");

    public static HashCache Load(string file)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        try
        {
            foreach (var line in File.ReadLines(file))
            {
                var f = line.Split('\t', 5);
                if (f.Length == 5 && f[0].Length == 64
                    && long.TryParse(f[1], CultureInfo.InvariantCulture, out var inode)
                    && long.TryParse(f[2], CultureInfo.InvariantCulture, out var size))
                    entries[f[4]] = new Entry(f[0], inode, size, f[3]);
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

    // Pushes to several servers run at once and may each hash on this machine (a local alias's stage).
    public string? Lookup(string absolutePath, TreeEntry file)
    {
        lock (_entries)
        {
            return _entries.TryGetValue(absolutePath, out var e) && e.Inode == file.Inode && e.Size == file.Size
                && e.Modified == file.ModifiedExact && file.ModifiedExact.Length > 0
                ? e.Sha256
                : null;
        }
    }

    public void Store(string absolutePath, TreeEntry file, string sha256)
    {
        if (file.ModifiedExact.Length == 0 || absolutePath.Contains('\n', StringComparison.Ordinal)) return;
        lock (_entries)
        {
            _entries[absolutePath] = new Entry(sha256, file.Inode, file.Size, file.ModifiedExact);
            _dirty = true;
        }
    }

    /// <summary>Writes the cache (temp file, then rename) if anything was added.</summary>
    public void Save()
    {
        lock (_entries) SaveLocked();
    }

    private void SaveLocked()
    {
        if (!_dirty) return;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
            var temp = _file + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            using (var writer = new StreamWriter(temp))
            {
                foreach (var (path, e) in _entries.TakeLast(MaxEntries))
                    writer.Write($"{e.Sha256}\t{e.Inode.ToString(CultureInfo.InvariantCulture)}\t{e.Size.ToString(CultureInfo.InvariantCulture)}\t{e.Modified}\t{path}\n");
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

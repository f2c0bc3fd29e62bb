using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using ModelSync.Config;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.Verification;

/// <summary>
/// Hashes of local files, remembered per hash function by (path, inode, size, mtime to the nanosecond), so
/// re-pushing an unchanged tree does not read it again. A file rewritten in any way gets a new mtime or inode and
/// is hashed afresh. A line's first field is the hash, prefixed <c>name:</c> for any function but sha256.
/// One file per tree root, so a command loads what it can use rather than every file ever hashed here (one
/// shared file had grown to 20k lines and 60 ms of every start). The cache is an optimisation only: a missing,
/// oversized or damaged file means an empty cache (a malformed line, one entry less), and a failed save is ignored.
/// </summary>
public sealed class HashCache(string directory)
{
    private const int MaxEntriesPerRoot = 200_000;

    /// <summary>A root's file is not read when larger (200k entries of ordinary paths take about 50 MB): a damaged or planted one must not fill the memory.</summary>
    public const long MaxFileBytes = 64 << 20;
    private readonly Dictionary<string, Shard> _shards = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    private sealed record Entry(string Hash, long Inode, long Size, string Modified);

    private sealed class Shard(string file, Dictionary<(string Function, string Path), Entry> entries)
    {
        public string File { get; } = file;
        public Dictionary<(string Function, string Path), Entry> Entries { get; } = entries;
        public bool Dirty { get; set; }
    }

    public static string DefaultDirectory =>
        Path.Join(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Join(HomePath.Home, ".cache"),
            "model-sync", "hashes");

    // Pushes to several servers run at once and may each hash on this machine (a local alias's stage).
    public string? Lookup(string root, string absolutePath, TreeEntry file, HashFunction function)
    {
        lock (_lock)
        {
            return ShardOf(root).Entries.TryGetValue((function.Name, absolutePath), out var e) && e.Inode == file.Inode && e.Size == file.Size
                && e.Modified == file.ModifiedExact && file.ModifiedExact.Length > 0
                ? e.Hash
                : null;
        }
    }

    public void Store(string root, string absolutePath, TreeEntry file, HashFunction function, string hash)
    {
        if (file.ModifiedExact.Length == 0 || absolutePath.Contains('\n', StringComparison.Ordinal)) return;
        lock (_lock)
        {
            var shard = ShardOf(root);
            shard.Entries[(function.Name, absolutePath)] = new Entry(hash, file.Inode, file.Size, file.ModifiedExact);
            shard.Dirty = true;
        }
    }

    /// <summary>Writes each root's file that gained entries (temp file, then rename).</summary>
    public void Save()
    {
        lock (_lock)
        {
            foreach (var shard in _shards.Values.Where(s => s.Dirty))
            {
                Write(shard);
                shard.Dirty = false;
            }
        }
    }

    /// <summary>The file holding one root's hashes: named by a digest of the root, whatever characters it has.</summary>
    public string FileFor(string root) =>
        Path.Join(directory, Convert.ToHexStringLower(SHA256.HashData(PathBytes.Encode(root)))[..32] + ".tsv");

    private Shard ShardOf(string root)
    {
        if (!_shards.TryGetValue(root, out var shard))
        {
            var file = FileFor(root);
            shard = new Shard(file, Read(file));
            _shards[root] = shard;
        }
        return shard;
    }

    private static Dictionary<(string Function, string Path), Entry> Read(string file)
    {
        var entries = new Dictionary<(string Function, string Path), Entry>();
        try
        {
            if (new FileInfo(file) is { Exists: true, Length: > MaxFileBytes }) return entries;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read);
            ByteLines.ReadAll(stream, line =>
            {
                var f = line.Split('\t', 5);
                if (f.Length == 5 && SplitHash(f[0]) is (var function, var hash) && LowerHex.Is(hash, function.HexLength)
                    && long.TryParse(f[1], CultureInfo.InvariantCulture, out var inode)
                    && long.TryParse(f[2], CultureInfo.InvariantCulture, out var size))
                    entries[(function.Name, f[4])] = new Entry(hash, inode, size, f[3]);
            }, (byte)'\n');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            entries.Clear();
        }
        return entries;
    }

    private static void Write(Shard shard)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(shard.File)!);
            var temp = shard.File + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + ".tmp";
            using (var writer = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                // Bytes, not text: a path that is not UTF-8 is kept as it is (see PathBytes).
                var line = new ArrayBufferWriter<byte>();
                foreach (var ((function, path), e) in shard.Entries.TakeLast(MaxEntriesPerRoot))
                {
                    line.ResetWrittenCount();
                    PathBytes.Append(line, $"{JoinHash(function, e.Hash)}\t{e.Inode.ToString(CultureInfo.InvariantCulture)}\t{e.Size.ToString(CultureInfo.InvariantCulture)}\t{e.Modified}\t{path}\n");
                    writer.Write(line.WrittenSpan);
                }
            }
            System.IO.File.Move(temp, shard.File, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Next run hashes again; nothing else depends on the cache (a read-only home only costs speed).
        }
    }

    private static (HashFunction Function, string Hash)? SplitHash(string field)
    {
        var colon = field.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0) return (HashFunction.Sha256, field);
        return HashFunction.TryParse(field[..colon]) is { } function && function != HashFunction.Sha256 ? (function, field[(colon + 1)..]) : null;
    }

    private static string JoinHash(string function, string hash) => function == HashFunction.Sha256.Name ? hash : function + ":" + hash;
}

using System.Globalization;
using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>A file hashed while it was written: its final path as asked for, the hash of what was read, and the inode read.</summary>
public sealed record FollowRecord(string FinalPath, string Hash, long Inode);

/// <summary>Reads what <see cref="IRemote.HashWhileWrittenProcess"/> printed: NUL-terminated records of three fields.</summary>
public static class FollowOutput
{
    /// <summary>The records, in order; null when one is malformed (its inode not a number), as then none can be trusted.</summary>
    public static IReadOnlyList<FollowRecord>? Parse(byte[] stdout)
    {
        var fields = PathBytes.SplitNul(stdout);
        var records = new List<FollowRecord>();
        for (var i = 0; i + 2 < fields.Length; i += 3)
        {
            if (!long.TryParse(fields[i + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var inode)) return null;
            records.Add(new FollowRecord(fields[i], fields[i + 1], inode));
        }
        return records;
    }
}

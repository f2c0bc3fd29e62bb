using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>A file with nothing on the target to delta against: sent whole, or in ranges when big.</summary>
internal sealed record StreamFile(string Path, long Size);

/// <summary>What one stream carries in one go over its connection.</summary>
internal abstract record StreamItem
{
    public abstract long Bytes { get; }
}

/// <summary>Whole files, in one tar stream.</summary>
internal sealed record WholeFiles(IReadOnlyList<StreamFile> Files) : StreamItem
{
    public override long Bytes => Files.Sum(f => f.Size);
}

/// <summary>One range of a big file, written at its offset into the file's part file on the receiver.</summary>
internal sealed record FileRange(StreamFile File, ByteRange Range) : StreamItem
{
    public override long Bytes => Range.Length;
}

/// <summary>One stream's share, in the order it sends it: its ranges, then its whole files in one tar.</summary>
internal sealed record StreamLoad(IReadOnlyList<StreamItem> Items)
{
    public long Bytes => Items.Sum(i => i.Bytes);
}

/// <summary>Spreads files across streams by size: the largest piece first, each to the stream with the fewest bytes so far.</summary>
internal static class StreamPlanner
{
    /// <summary>
    /// The loads of <paramref name="streams"/> streams (some may be empty). Files <paramref name="layout"/> splits go as
    /// ranges, less those <paramref name="done"/> says arrived in an earlier run; the rest whole. Deterministic: ties go
    /// to the lower stream and the byte-wise smaller path.
    /// </summary>
    public static IReadOnlyList<StreamLoad> Spread(IReadOnlyList<StreamFile> files, int streams, RangeLayout layout, Func<StreamFile, IReadOnlySet<long>> done)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(streams, 1);
        var pieces = new List<StreamItem>();
        foreach (var file in files)
        {
            if (!layout.Splits(file.Size))
            {
                pieces.Add(new WholeFiles([file]));
                continue;
            }
            var finished = done(file);
            pieces.AddRange(layout.Ranges(file.Size).Where(r => !finished.Contains(r.Offset)).Select(r => new FileRange(file, r)));
        }
        var loads = Enumerable.Range(0, streams).Select(_ => new List<StreamItem>()).ToArray();
        var bytes = new long[streams];
        foreach (var piece in pieces.OrderByDescending(p => p.Bytes).ThenBy(Key, StringComparer.Ordinal).ThenBy(p => (p as FileRange)?.Range.Offset ?? 0))
        {
            var least = Array.IndexOf(bytes, bytes.Min());
            loads[least].Add(piece);
            bytes[least] += piece.Bytes;
        }
        return [.. loads.Select(Gather)];
    }

    private static string Key(StreamItem piece) => piece switch
    {
        FileRange r => r.File.Path,
        WholeFiles w => w.Files[0].Path,
        _ => "",
    };

    /// <summary>A stream's ranges stay one item each (a session each, so each is done on its own); its whole files become one tar.</summary>
    private static StreamLoad Gather(List<StreamItem> pieces)
    {
        var whole = pieces.OfType<WholeFiles>().SelectMany(w => w.Files).OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
        return new StreamLoad([.. pieces.OfType<FileRange>(), .. whole.Count > 0 ? new[] { new WholeFiles(whole) } : []]);
    }
}

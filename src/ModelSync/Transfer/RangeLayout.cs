using System.Globalization;
using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// Which files are sent in byte ranges, and how big the ranges are. A range is what a killed run keeps: the rerun
/// sends only the ranges not yet done. Its size depends on the file alone (not on the number of streams), so a rerun
/// with another <c>--streams</c> still finds its ranges.
/// </summary>
internal sealed record RangeLayout(long Threshold, long? FixedRangeSize = null)
{
    /// <summary>Files from this size on are split: smaller ones go whole in a stream's tar, which costs no extra session.</summary>
    public const long DefaultThreshold = 32L * 1024 * 1024;

    /// <summary>Ranges of a 128 MiB to 2 GiB file: eight per file, so eight streams can share even one file.</summary>
    private const int RangesPerFile = 8;

    /// <summary>
    /// Smallest range: a session per range costs a round trip and two process starts (~0.1 s at 50 ms), which 8 MiB
    /// (a third of a second of one stream there) outweighs. Smaller than what a stream is chosen for (32 MiB), so the
    /// ranges of a mid-sized file even out the streams the big ones leave uneven: with 16 MiB, a 200 + 56 MiB model's
    /// eight streams carried 25 MiB each and then four of them 16 MiB more, the others idle (measured at 50 ms).
    /// </summary>
    private const long SmallestRange = 8L * 1024 * 1024;

    /// <summary>Largest range: what a rerun after a kill may have to send again at most per stream.</summary>
    private const long LargestRange = 256L * 1024 * 1024;

    public static RangeLayout Default { get; } = new(DefaultThreshold);

    /// <summary>
    /// The default, or for tests the hidden <c>MODEL_SYNC_RANGE_THRESHOLD</c> and <c>MODEL_SYNC_RANGE_SIZE</c> (bytes;
    /// the size rounded up to whole MiB), so a small file can be split.
    /// </summary>
    public static RangeLayout FromEnvironment() =>
        new(Read("MODEL_SYNC_RANGE_THRESHOLD") ?? DefaultThreshold, Read("MODEL_SYNC_RANGE_SIZE") is { } size ? AlignUp(size) : null);

    public bool Splits(long size) => size > 0 && size >= Threshold;

    public long RangeSize(long fileSize) =>
        FixedRangeSize ?? Math.Clamp(AlignUp((fileSize + RangesPerFile - 1) / RangesPerFile), SmallestRange, LargestRange);

    /// <summary>The file's ranges, in order; the last runs to its end.</summary>
    public IEnumerable<ByteRange> Ranges(long fileSize)
    {
        var size = RangeSize(fileSize);
        for (long offset = 0; offset < fileSize; offset += size)
            yield return new ByteRange(offset, Math.Min(size, fileSize - offset), offset + size >= fileSize);
    }

    private static long AlignUp(long bytes) => Math.Max(1, (bytes + ByteRange.Block - 1) / ByteRange.Block) * ByteRange.Block;

    private static long? Read(string name) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}

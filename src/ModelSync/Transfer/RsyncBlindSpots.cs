using ModelSync.Manifests;
using ModelSync.Planning;

namespace ModelSync.Transfer;

/// <summary>
/// Files the plan sends that rsync's quick check would take as unchanged: the same size and the same mtime to the
/// whole second (rsync compares no finer), so only the permission bits differ, or the part of the mtime below the
/// second (a rewrite of the same size within that second). Left to rsync, such a file would not be sent at all, or
/// would be chmodded in place, and in a stage seeded by hard links that place is the published version's own inode.
/// They go first, in a run of their own with <c>--ignore-times</c>: rsync then writes each into a new file and
/// renames it over the link, as it does with any file it sends.
/// </summary>
internal static class RsyncBlindSpots
{
    /// <summary>Paths of <paramref name="plan"/> (the source against what the stage was seeded from) that rsync's quick check would pass over.</summary>
    public static IReadOnlyList<string> Find(TransferPlan plan) =>
        [.. plan.ToSend.Where(e => e is { Kind: EntryKind.File, Source: { } source, Target: { Kind: EntryKind.File } target }
            && source.Size == target.Size && source.ModifiedUnixSeconds == target.ModifiedUnixSeconds).Select(e => e.Path)];

    /// <summary>
    /// <paramref name="runs"/> with, before them, the run that sends <paramref name="run"/>'s blind spots (none when
    /// <paramref name="request"/> ignores times already, or there are none).
    /// </summary>
    public static IReadOnlyList<RsyncRequest> First(TransferContext run, RsyncRequest request, IReadOnlyList<RsyncRequest> runs)
    {
        if (request.IgnoreTimes) return runs;
        var blind = Find(run.Basis?.Plan(run.SourceTree) ?? run.Plan);
        if (blind.Count == 0) return runs;
        // Nothing is removed by this run: the runs after it do what --delete asks.
        var first = request with { Delete = false, Compress = false, IgnoreTimes = true, OnlyFiles = run.IsDirectory ? blind : null };
        return [first, .. runs];
    }
}

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
    /// Against <paramref name="stage"/> as listed, whatever seeded it (an earlier run's stage, from another basis or none):
    /// source files whose stage copy rsync would pass over (the same size and whole-second mtime) although it differs in
    /// mode, or <paramref name="plan"/> (the source against <paramref name="seed"/>) sends it, or it is not
    /// <paramref name="seed"/>'s own inode, so nothing says what it holds.
    /// </summary>
    public static IReadOnlyList<string> Find(TreeListing source, TreeListing stage, TransferPlan plan, TreeListing? seed)
    {
        if (stage.RootKind != source.RootKind) return [];
        var held = Files(stage);
        var seeded = seed is not null && seed.RootKind == source.RootKind ? Files(seed) : [];
        var sent = plan.ToSend.Where(e => e.Kind == EntryKind.File).Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        return [.. source.Files.Where(f => held.TryGetValue(f.Path, out var there) && there.Size == f.Size && there.ModifiedUnixSeconds == f.ModifiedUnixSeconds
            && (f.ModeDiffers(there) || sent.Contains(f.Path) || !(seeded.TryGetValue(f.Path, out var link) && link.Inode != 0 && link.Inode == there.Inode)))
            .Select(f => f.Path)];
    }

    private static Dictionary<string, TreeEntry> Files(TreeListing listing)
    {
        var files = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        foreach (var file in listing.Files) files.TryAdd(file.Path, file);
        return files;
    }

    /// <summary>
    /// <paramref name="run"/> with the stage listed when it may not be what this run seeded (<see cref="TransferContext.StageSeededHere"/>):
    /// a stage an earlier run left holds links to whatever that run started from. One call, and only then.
    /// </summary>
    public static async Task<TransferContext> ListReusedStageAsync(TransferContext run, IReadOnlyCollection<string>? only)
    {
        if (only is not null || run.StageSeededHere || run.StageListed is not null) return run;
        var stage = await run.Target.Remote.ScanAsync(run.Stage, run.Cancellation);
        return run with { StageListed = stage ?? new TreeListing(run.SourceTree.RootKind, []) };
    }

    /// <summary>
    /// <paramref name="runs"/> with, before them, the run that sends <paramref name="run"/>'s blind spots (none when
    /// <paramref name="request"/> ignores times already, or there are none).
    /// </summary>
    public static IReadOnlyList<RsyncRequest> First(TransferContext run, RsyncRequest request, IReadOnlyList<RsyncRequest> runs)
    {
        if (request.IgnoreTimes) return runs;
        var seedPlan = run.Basis?.Plan(run.SourceTree) ?? run.Plan;
        var blind = run.StageListed is { } stage ? Find(run.SourceTree, stage, seedPlan, run.Basis?.Tree ?? (run.SameKind ? run.TargetTree : null)) : Find(seedPlan);
        if (blind.Count == 0) return runs;
        // Nothing is removed by this run: the runs after it do what --delete asks.
        var first = request with { Delete = false, Compress = false, IgnoreTimes = true, OnlyFiles = run.IsDirectory ? blind : null };
        return [first, .. runs];
    }
}

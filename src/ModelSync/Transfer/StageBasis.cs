using ModelSync.Manifests;
using ModelSync.Planning;

namespace ModelSync.Transfer;

/// <summary>
/// The older version a new version's stage starts from: its files shared with the source are hard-linked into the
/// stage, where rsync sends each changed one as a delta against its namesake (into a temporary file renamed over the
/// link, so the basis is never written); files only the basis has never enter the stage, so nothing is removed.
/// </summary>
/// <param name="Name">Its name beside the target.</param>
/// <param name="Path">Its absolute path, on the target's place.</param>
/// <param name="Tree">Its scan, manifest included: that manifest vouches for a linked file only while its size and mtime still match.</param>
/// <param name="Named">Named with <c>--basis</c>, rather than found by the naming convention.</param>
internal sealed record StageBasis(string Name, string Path, TreeListing Tree, bool Named)
{
    /// <summary>The source against the basis, as a sync onto it would see it: what the stage will lack, and what it holds already.</summary>
    public TransferPlan Plan(TreeListing source) => Planner.Plan(source, Tree, new PlanOptions(Delete: true));

    /// <summary>Paths that are a file in both the source and the basis: the files the stage is seeded with.</summary>
    public static IReadOnlyList<string> Shared(TreeListing source, TreeListing basis)
    {
        var files = basis.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        return [.. source.Files.Select(f => f.Path).Where(files.Contains)];
    }

    /// <summary>For the report: <paramref name="saved"/> the bytes the run did not send (null for a dry run: the unchanged files' bytes).</summary>
    public BasisUse Use(TreeListing source, long? saved)
    {
        var unchanged = Plan(source).Entries.Where(e => e.Status == EntryStatus.Same && e.Kind == EntryKind.File).ToList();
        return new BasisUse(Name, Path, Named, saved ?? unchanged.Sum(e => e.Source!.Size), unchanged.Count);
    }

    /// <summary>
    /// Makes the stage for <paramref name="run"/>: hard links of the shared files, or a stage an earlier run left;
    /// <paramref name="replaceStage"/>: the stage there is the empty one this run made, replaced in the same call.
    /// </summary>
    public Task PrepareStageAsync(TransferContext run, bool replaceStage) =>
        run.Target.Remote.PrepareStageFromAsync(run.Target.Path, run.SourceTree.RootKind, Path, run.IsDirectory ? Shared(run.SourceTree, Tree) : [], replaceStage, run.Cancellation);
}

using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Planning;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Text;
using ModelSync.Transfer;

namespace ModelSync.Preflight;

/// <summary>The checks and small pieces around a transfer: space, a source still being written, hash comparison, the manifest.</summary>
internal static class TransferChecks
{
    public const double SpaceMargin = 1.05;

    /// <summary>
    /// Refuses before anything moves when what is still to send, plus 5%, does not fit. A stage an earlier run left
    /// (one a full disk stopped, say) already holds part of it, and a rerun sends only what the stage lacks; so when
    /// the plain count does not fit, the stage is listed (one more call, made only on this path) and counted. A
    /// refusal names that stage, the space it takes and the command that drops it.
    /// </summary>
    public static async Task RequireSpaceAsync(TransferContext run, IReadOnlyCollection<string> forced, long? knownFree = null)
    {
        var target = run.Target;
        long Needed(TransferPlan plan) => (long)((plan.BytesToSend + run.SourceTree.Files.Where(f => forced.Contains(f.Path)).Sum(f => f.Size)) * SpaceMargin);
        // Files a basis holds unchanged are hard links: they take no space.
        var needed = Needed(run.Basis?.Plan(run.SourceTree) ?? run.Plan);
        if (needed == 0) return;
        var free = knownFree ?? await target.Remote.FreeBytesAsync(target.Path, run.Cancellation);
        if (needed <= free) return;
        var stage = await target.Remote.ScanAsync(run.Stage, run.Cancellation);
        var held = stage is null ? 0 : StageHeldBytes(stage, run.TargetTree);
        if (stage is not null)
        {
            // A stage of the other kind is removed before anything is sent: its space comes back, its files do not count.
            if (stage.RootKind == run.SourceTree.RootKind) needed = Needed(Planner.Plan(run.SourceTree, stage, new PlanOptions(run.Options.Delete)));
            else free += held;
            if (needed <= free) return;
        }
        var what = $"not enough space on {target.Remote.Alias.Name}: the transfer needs {Human.Bytes(needed)} (with 5% margin), {Human.Bytes(free)} is free at {target.Path}";
        if (stage is null) throw new ModelSyncException(what, ExitCodes.Failed, "free space there, or push to another path or server");
        throw new ModelSyncException($"{what}; an earlier run's staging area {run.Stage} takes {Human.Bytes(held)} there", ExitCodes.Failed,
            $"free space there and run the same command again (it resumes from the staging area), or drop the staging area to start over: `{DropCommand(target, run.Stage)}`");
    }

    /// <summary>Bytes of the stage's files that are not hard links of the live version's: what removing the stage would free.</summary>
    public static long StageHeldBytes(TreeListing stage, TreeListing? live)
    {
        var shared = (live?.Files ?? []).Select(f => f.Inode).Where(i => i != 0).ToHashSet();
        return stage.Files.Where(f => f.Inode == 0 || !shared.Contains(f.Inode)).Sum(f => f.Size);
    }

    /// <summary>The command, runnable as printed, that removes <paramref name="stage"/> on the target's place.</summary>
    public static string DropCommand(Endpoint target, string stage) =>
        target.Remote is LocalRemote
            ? "rm -rf -- " + ShellWords.Quote(stage)
            : ToolName.With(["exec", target.Remote.Alias.Name, "rm -rf -- " + ShellWords.Quote(stage)]);

    /// <summary>
    /// Source entries the stage does not hold as the same kind of thing: a link must be a link with the same target
    /// text, a file a file. Hashes cannot tell: a link has none, and a link to a file hashes as that file.
    /// </summary>
    public static List<string> ShapeMismatches(TreeListing source, TreeListing stage)
    {
        var there = new Dictionary<string, TreeEntry>(StringComparer.Ordinal);
        foreach (var entry in stage.Entries) there.TryAdd(entry.Path, entry);
        return source.Entries
            .Where(e => e.Kind != EntryKind.Directory && (!there.TryGetValue(e.Path, out var s) || s.Kind != e.Kind || s.LinkTarget != e.LinkTarget))
            .Select(e => e.Path)
            .ToList();
    }

    /// <summary>
    /// A source holding names model-sync keeps for itself is refused before anything moves: they would be sent but
    /// not verified, and on the target pose as its own manifest, stage or lock.
    /// </summary>
    public static void RefuseReservedNames(Endpoint source, TreeListing tree)
    {
        if (tree.ReservedNames.Count == 0) return;
        var names = tree.ReservedNames.Order(StringComparer.Ordinal).ToList();
        throw ModelSyncException.Usage(
            $"{source.Display} holds {Human.Count(names.Count, "name")} model-sync keeps for itself: {string.Join(", ", names.Take(3).Select(Quoted.Name))}{(names.Count > 3 ? $" and {names.Count - 3} more" : "")}",
            $"rename or remove them (names starting with {ModelSync.Paths.StageNames.Prefix} are its manifest, stages and locks; one left by an interrupted run can be deleted), then run the same command again");
    }

    /// <summary>A source still being written must not be published half-old, half-new.</summary>
    public static async Task RequireUnchangedSourceAsync(Endpoint source, TreeListing before, CancellationToken cancellationToken)
    {
        var after = await source.Remote.ScanAsync(source.Path, cancellationToken);
        var now = (after?.Files ?? []).ToDictionary(f => f.Path, StringComparer.Ordinal);
        var changed = before.Files
            .Where(f => !now.TryGetValue(f.Path, out var n) || n.Size != f.Size || n.ModifiedExact != f.ModifiedExact)
            .Select(f => f.Path.Length == 0 ? source.Display : f.Path)
            .ToList();
        if (changed.Count > 0)
            throw new ModelSyncException(
                $"{string.Join(", ", changed.Take(5))}{(changed.Count > 5 ? $" and {changed.Count - 5} more" : "")} modified during sync; rerun when writing is done",
                ExitCodes.Failed, "the target was not changed; run the same command again once the files are complete");
    }

    /// <summary>Files of the source whose hash the other side lacks or disagrees with.</summary>
    public static List<string> Mismatches(TreeListing source, IReadOnlyDictionary<string, string> sourceHashes, IReadOnlyDictionary<string, string> targetHashes) =>
        source.Files
            .Where(f => !sourceHashes.TryGetValue(f.Path, out var a) || !targetHashes.TryGetValue(f.Path, out var b) || a != b)
            .Select(f => f.Path)
            .ToList();

    /// <summary>
    /// Leaves the manifest in a pushed directory model (temp file, then rename). A single-file model has none, and
    /// neither has a pulled copy: this machine's hash cache serves it, and the copy stays exactly the model.
    /// </summary>
    public static async Task WriteManifestAsync(TransferContext run, string directory, IReadOnlyDictionary<string, string> hashes)
    {
        if (ManifestFor(run, hashes) is { } manifest) await run.Target.Remote.WriteManifestAsync(directory, manifest, run.Cancellation);
    }

    /// <summary>Whether this run leaves a manifest: in a directory model, not on this machine's own side of a pull.</summary>
    public static bool LeavesManifest(TransferContext run) => run.IsDirectory && !run.Target.Remote.Alias.IsThisMachine;

    /// <summary>The manifest <see cref="WriteManifestAsync"/> leaves; null where it leaves none.</summary>
    public static ModelManifest? ManifestFor(TransferContext run, IReadOnlyDictionary<string, string> hashes)
    {
        if (!LeavesManifest(run)) return null;
        var alias = run.Source.Remote.Alias;
        var from = alias.IsLocal ? Environment.MachineName : alias.Host ?? alias.Name;
        return ModelManifest.Create(run.SourceTree, hashes, run.Function, from, run.Source.Path, run.Began);
    }
}

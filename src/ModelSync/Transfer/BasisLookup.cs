using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Resolve;
using ModelSync.Text;
using ModelSync.Versioning;

namespace ModelSync.Transfer;

/// <summary>
/// Finds the version a new one starts from (<see cref="StageBasis"/>), in two steps around the scans of source and
/// target: <see cref="Start"/> runs beside them (a named basis is scanned then; otherwise the target's directory is
/// listed, when the target's name follows the naming pattern, and the version the listing suggests is scanned at once
/// when the target is not in it), <see cref="FinishAsync"/> chooses once the target is known to be missing. So a
/// convention-chosen basis costs no call after the scans unless the target's scan says otherwise than the listing.
/// </summary>
internal static class BasisLookup
{
    /// <summary>What <see cref="Start"/> fetched: the named basis's scan, or the entries beside the target (and the likely basis's scan).</summary>
    internal sealed record Probe(string? Named, TreeListing? NamedTree, IReadOnlyList<TreeEntry>? Beside)
    {
        public static Probe Nothing { get; } = new(null, null, null);

        /// <summary>The version the listing suggested, scanned beside the target's own scan; null when none was (or its scan failed).</summary>
        public Guess? Likely { get; init; }
    }

    /// <summary>A version scanned before it was chosen, and its scan (null: gone by then).</summary>
    internal sealed record Guess(string Name, TreeListing? Tree);

    /// <summary>Starts the lookup for a transfer to <paramref name="target"/>; a <c>--basis</c> value that cannot name a version is refused at once (exit 2).</summary>
    public static Task<Probe> Start(Endpoint target, BasisRequest request, CancellationToken cancellationToken)
    {
        if (request.Off) return Task.FromResult(Probe.Nothing);
        var targetName = PosixPath.Name(target.Path);
        if (request.Name is { } name)
        {
            if (BasisChoice.Problem(name, targetName) is { } problem)
                throw ModelSyncException.Usage($"--basis {Quoted.Name(name)} {problem}", $"give the name of a version beside the target, or --basis {BasisRequest.NoneWord}");
            return ScanNamedAsync(target, name, cancellationToken);
        }
        return request.Pattern.Conforms(targetName) ? ListBesideAsync(target, request, cancellationToken) : Task.FromResult(Probe.Nothing);
    }

    /// <summary>
    /// The basis for <paramref name="run"/>, or null: none asked for or found, or the target exists (an update starts
    /// from the target itself). A named basis that is missing, a symlink or of the other kind is refused (exit 2).
    /// </summary>
    public static async Task<StageBasis?> FinishAsync(Task<Probe> started, TransferContext run, Action<string> warn)
    {
        var probe = await started;
        if (probe.Named is { } name) return Named(run, name, probe.NamedTree, warn);
        if (probe.Beside is null || run.TargetTree is not null) return null;
        var candidates = probe.Beside.Where(e => e.Kind == run.SourceTree.RootKind && !StageNames.IsControlName(e.Path))
            .Select(e => new ModelInfo(e.Path, e.Size, 0, DateTimeOffset.FromUnixTimeSeconds(e.ModifiedUnixSeconds)));
        if (BasisChoice.Newest(Basis(run).Pattern, PosixPath.Name(run.Target.Path), candidates) is not { } chosen) return null;
        var path = Beside(run.Target, chosen.Name);
        var tree = probe.Likely is { } likely && likely.Name == chosen.Name ? likely.Tree : await run.Target.Remote.ScanAsync(path, run.Cancellation);
        // Replaced by a link or by the other kind since the listing: not a basis after all.
        return tree is null || tree.RootLink is not null || tree.RootKind != run.SourceTree.RootKind ? null : new StageBasis(chosen.Name, path, tree, false);
    }

    private static BasisRequest Basis(TransferContext run) => run.Options.Basis;

    private static StageBasis? Named(TransferContext run, string name, TreeListing? tree, Action<string> warn)
    {
        var target = run.Target;
        var where = $"beside {Printable.Name(target.Display)}";
        var fix = target.Remote.Alias.IsThisMachine
            ? $"name a version in {Printable.Name(PosixPath.Parent(target.Path))}, or leave --basis out"
            : $"name one that is there (`{ToolName.Command} list {target.Remote.Alias.Name}`), or leave --basis out";
        if (tree is null) throw ModelSyncException.Usage($"--basis {Quoted.Name(name)}: no such version {where}", fix);
        if (tree.RootLink is not null)
            throw ModelSyncException.Usage($"--basis {Quoted.Name(name)} is a symlink {where}; a basis is never followed through a link", fix);
        if (tree.RootKind != run.SourceTree.RootKind)
            throw ModelSyncException.Usage($"--basis {Quoted.Name(name)} is a {Kind(tree.RootKind)} and the model a {Kind(run.SourceTree.RootKind)}", fix);
        if (run.TargetTree is null) return new StageBasis(name, Beside(target, name), tree, true);
        warn($"--basis {Quoted.Name(name)} was not used: {Printable.Name(target.Display)} exists, and an update starts from it");
        return null;
    }

    private static string Kind(EntryKind kind) => kind == EntryKind.Directory ? "directory" : "file";

    private static async Task<Probe> ScanNamedAsync(Endpoint target, string name, CancellationToken cancellationToken) =>
        new(name, await target.Remote.ScanAsync(Beside(target, name), cancellationToken), null);

    private static async Task<Probe> ListBesideAsync(Endpoint target, BasisRequest request, CancellationToken cancellationToken)
    {
        IReadOnlyList<TreeEntry> beside;
        try
        {
            beside = await target.Remote.ListDirectoryAsync(PosixPath.Parent(target.Path), cancellationToken);
        }
        catch (ModelSyncException)
        {
            // Only a saving is lost: the target's own scan reports whatever stops the transfer.
            return Probe.Nothing;
        }
        var probe = new Probe(null, null, beside);
        var targetName = PosixPath.Name(target.Path);
        // The target is not there (as far as this listing knows): the newest version beside it is the likely basis, and
        // its scan runs now, beside the one call before the bytes, instead of after it. The source's kind is not known
        // yet, so versions of either kind are candidates; FinishAsync chooses again and scans another one if it must.
        if (beside.Any(e => e.Path == targetName)) return probe;
        var candidates = beside.Where(e => e.Kind is EntryKind.Directory or EntryKind.File && !StageNames.IsControlName(e.Path))
            .Select(e => new ModelInfo(e.Path, e.Size, 0, DateTimeOffset.FromUnixTimeSeconds(e.ModifiedUnixSeconds)));
        if (BasisChoice.Newest(request.Pattern, targetName, candidates) is not { } likely) return probe;
        try
        {
            return probe with { Likely = new Guess(likely.Name, await target.Remote.ScanAsync(Beside(target, likely.Name), cancellationToken)) };
        }
        catch (ModelSyncException)
        {
            // FinishAsync scans it again, if it is the basis after all, and reports what fails then.
            return probe;
        }
    }

    private static string Beside(Endpoint target, string name) => PosixPath.Combine(PosixPath.Parent(target.Path), name);
}

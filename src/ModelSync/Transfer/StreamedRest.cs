using ModelSync.Manifests;
using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// What rsync would still do after the streams, when that is only what <c>rsync -rlpt</c> sets on what is already in
/// place: the stage was an empty directory when listed just before the send (one this run made, or found: nothing to
/// delete, nothing seeded to leave alone), every file went by the streams, and there is no link. Then the ranged
/// files' modes and the directories' modes and times (directories no file went into made too) go to the call that
/// moves the ranged files into the stage, and rsync's protocol, 4–6 round trips with nothing to send (0.42 s at 50 ms
/// for a 256 MiB model), is not run at all. On a push that call is the finish's own (<see cref="StageSend.RangesLeft"/>).
/// </summary>
internal static class StreamedRest
{
    /// <summary>
    /// Beyond this many directories rsync sets them, as it always did: the call sets each with up to three processes
    /// (mkdir, chmod, touch), 4–5 ms a directory measured here (2,000 took 9 s, against 0.09 s for rsync's pass over them
    /// on this shared 2-core machine, loaded), where rsync's pass costs 4–6 round trips (0.42 s at 50 ms). Not a limit of
    /// the call's input, which goes on its stdin (<see cref="RangesFinishInput"/>).
    /// </summary>
    public const int MostDirectories = 256;

    /// <summary>
    /// The directories to make and set, deepest first and the stage itself last, when nothing else is left for rsync
    /// after <paramref name="streamed"/> went by the streams into <paramref name="stage"/> (as listed before the send, or
    /// as this run made it); null when rsync is to run as ever.
    /// </summary>
    public static IReadOnlyList<StagedDirectory>? Directories(TransferContext run, TreeListing? stage, IReadOnlyCollection<TreeEntry> streamed)
    {
        if (stage is not { RootKind: EntryKind.Directory, Entries.Count: 0, RootLink: null }) return null;
        if (run is not { IsDirectory: true, Basis: null, SourceTree.Root: { Mode: not null } root }) return null;
        var sent = streamed.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var entries = run.SourceTree.Entries;
        if (entries.Any(e => e.Mode is null || e.Kind switch { EntryKind.File => !sent.Contains(e.Path), EntryKind.Directory => false, _ => true })) return null;
        // Deepest first: a path sorts after every directory it is below, so in reverse each comes before its parents,
        // whose mode (one without x or w) would otherwise stop its setting, and whose time its making would change.
        var below = entries.Where(e => e.Kind == EntryKind.Directory).OrderByDescending(e => e.Path, StringComparer.Ordinal).ToList();
        if (below.Count > MostDirectories) return null;
        return [.. below.Append(root).Select(d => new StagedDirectory(d.Path, StagedDirectory.ChmodMode(d.Mode!.Value), RangeRecords.Mtime(d)))];
    }

    /// <summary>The mode a ranged file gets as it moves into the stage: the source's, as rsync's -p gives it.</summary>
    public static string Mode(TreeEntry source) => source.Mode is { } bits ? StagedDirectory.ChmodMode(bits) : "";
}

using ModelSync.Errors;
using ModelSync.Manifests;
using ModelSync.Remotes;
using ModelSync.Reporting;
using ModelSync.Transfer;

namespace ModelSync.Operations;

/// <summary>The checks and small pieces around a transfer: space, a source still being written, hash comparison, the manifest.</summary>
internal static class TransferChecks
{
    private const double SpaceMargin = 1.05;

    /// <summary>Refuses before anything moves when the bytes to send plus 5% do not fit.</summary>
    public static async Task RequireSpaceAsync(Endpoint target, long bytesToSend, CancellationToken cancellationToken)
    {
        if (bytesToSend == 0) return;
        var free = await target.Remote.FreeBytesAsync(target.Path, cancellationToken);
        var needed = (long)(bytesToSend * SpaceMargin);
        if (needed > free)
            throw new ModelSyncException(
                $"not enough space on {target.Remote.Alias.Name}: the transfer needs {Human.Bytes(needed)} (with 5% margin), {Human.Bytes(free)} is free at {target.Path}",
                ExitCodes.Failed, "free space there, or push to another path or server");
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
            $"{source.Display} holds {names.Count} name(s) model-sync keeps for itself: {string.Join(", ", names.Take(3).Select(Quoted.Name))}{(names.Count > 3 ? $" and {names.Count - 3} more" : "")}",
            $"rename or remove them (names starting with {Publishing.StageNames.Prefix} are its manifest, stages and locks; one left by an interrupted run can be deleted), then run the same command again");
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

    /// <summary>Bytes that crossed the wire: what this machine's rsync sent for a push, what it received for a pull.</summary>
    public static long WireBytes(Endpoint source, RsyncStats stats) =>
        source.Remote.Rsync(source.Path).RemoteShell is null ? stats.BytesSent : stats.BytesReceived;

    /// <summary>
    /// Leaves the manifest in a pushed directory model (temp file, then rename). A single-file model has none, and
    /// neither has a pulled copy: this machine's hash cache serves it, and the copy stays exactly the model.
    /// </summary>
    public static async Task WriteManifestAsync(TransferContext run, string directory, IReadOnlyDictionary<string, string> hashes)
    {
        if (!run.IsDirectory || run.Target.Remote.Alias.Name == LocalRemote.ThisMachineName) return;
        var alias = run.Source.Remote.Alias;
        var from = alias.IsLocal ? Environment.MachineName : alias.Host ?? alias.Name;
        var manifest = ModelManifest.Create(run.SourceTree, hashes, run.Function, from, run.Source.Path);
        await run.Target.Remote.RunCheckedAsync(RemoteScripts.WriteManifest, [directory], "write the manifest", run.Cancellation,
            manifest.SerializeToUtf8());
    }
}

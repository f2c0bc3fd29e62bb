using System.Collections.Concurrent;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Resolve;

namespace ModelSync.Transfer;

/// <summary>
/// Both ends on this machine (a local alias, or a server's model_base proven mounted here): each planned file is
/// copied by the kernel (File.Copy: copy_file_range, else sendfile), with no rsync pair and no pipe, keeping what
/// <c>rsync -rlpt</c> keeps (mode, mtime, symlinks as symlinks). A file is written under a temporary name beside
/// the stage and renamed into place, so an interruption leaves no partial file under a real name, and a file the
/// stage took over as a hard link of the live version is replaced, never written into. Once in place, each file is
/// read back from the stage and hashed in-process while the other workers still copy, so verification gets the
/// receiving side's hash of what was written without a second pass.
/// </summary>
internal sealed class LocalStageTransport(IProcessRunner runner) : IStageTransport
{
    /// <summary>
    /// The local copy when both places are this machine's file system (and no bandwidth limit asks for rsync's); else
    /// rsync, over parallel streams when one side is a server.
    /// </summary>
    public static IStageTransport Choose(IProcessRunner runner, Endpoint from, Endpoint to, TransferOptions options) =>
        from.Remote is LocalRemote && to.Remote is LocalRemote && options.BandwidthLimit is null
            ? new LocalStageTransport(runner)
            : new StreamStageTransport(runner);

    public string Describe(TransferContext run)
    {
        if (HasNamesNotUtf8(run)) return new RsyncStageTransport(runner).Describe(run);
        var mount = new[] { run.Source.Remote, run.Target.Remote }.OfType<LocalRemote>().FirstOrDefault(r => r.MountedFrom is not null);
        var how = "by the kernel (copy_file_range, no rsync)" + (HashWith(run) is null ? "" : ", each file hashed back from the stage as it lands");
        return mount is null ? $"local copy on this machine's file system {how}" : $"{mount.Connection}, copied here {how}";
    }

    /// <summary>The hash computed in-process from each written file, or null when verification hashes the stage with its tool.</summary>
    private static HashFunction? HashWith(TransferContext run) => run.Options.Verify && LocalFileHash.Supports(run.Function) ? run.Function : null;

    public async Task<StageSend> SendAsync(TransferContext run, IReadOnlyCollection<string>? only, Action<RsyncItem> onItem, ITransferProgress progress)
    {
        // System.IO spells every path in UTF-8, so it would open another file (or none) for a name that is not:
        // such a tree goes through rsync, which takes names as bytes.
        if (HasNamesNotUtf8(run)) return await new RsyncStageTransport(runner).SendAsync(run, only, onItem, progress);
        var partial = StageNames.Partial(run.Target.Path);
        LocalFiles.RemoveTree(partial); // what an interrupted run left
        var stageTree = await run.Target.Remote.ScanAsync(run.Stage, run.Cancellation);
        var plan = Planner.Plan(run.SourceTree, stageTree?.RootKind == run.SourceTree.RootKind ? stageTree : null, new PlanOptions(run.Options.Delete));
        var directories = run.IsDirectory ? run.SourceTree.Entries.Where(e => e.Kind == EntryKind.Directory).ToList() : [];
        // Each gets the source's mode back below; a stage seeded from a model published read-only would refuse the writes meanwhile.
        // Only the stage's own directories, as its listing (which follows no link) found them: a source directory's path may
        // lead through a link the stage was seeded with, to a directory that is not the stage's.
        if (run.IsDirectory && stageTree is { RootKind: EntryKind.Directory, RootLink: null })
        {
            foreach (var path in stageTree.Entries.Where(e => e.Kind == EntryKind.Directory).Select(d => d.Path).Prepend(""))
                LocalFiles.Guard(() => LocalFiles.Writable(Absolute(run.Stage, path)), path);
        }
        if (only is null && run.IsDirectory) Clear(run, plan, onItem);
        var wanted = only is null ? null : new HashSet<string>(only, StringComparer.Ordinal);
        var send = (wanted is null ? plan.ToSend.Select(e => e.Source!) : run.SourceTree.Entries.Where(e => wanted.Contains(e.Path)))
            .Where(e => e.Kind != EntryKind.Directory && !IsManifest(run, e.Path))
            .OrderByDescending(e => e.Size)
            .ToList();
        foreach (var directory in directories) LocalFiles.Guard(() => Directory.CreateDirectory(Absolute(run.Stage, directory.Path)), directory.Path);

        var literal = send.Where(f => f.Kind == EntryKind.File).Sum(f => f.Size);
        var written = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var hashWith = HashWith(run);
        var bar = StageBar.For(progress, literal);
        var copied = 0L;
        var counter = 0;
        Directory.CreateDirectory(partial);
        // Dedicated threads, as many as cores: each blocks in the kernel's copy or in hashing, never on the thread pool.
        var queue = new ConcurrentQueue<TreeEntry>(send);
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
        void Work()
        {
            while (queue.TryDequeue(out var entry))
            {
                failed.Token.ThrowIfCancellationRequested();
                lock (queue) onItem(new RsyncItem(entry.Path, entry.Size, false)); // one line at a time on the console
                var temp = Path.Join(partial, Interlocked.Increment(ref counter).ToString(System.Globalization.CultureInfo.InvariantCulture));
                var destination = Absolute(run.Stage, entry.Path);
                var hash = LocalFiles.Guard(() => LocalFiles.CopyInto(Absolute(run.Source.Path, entry.Path), entry, temp, destination, hashWith, failed.Token), entry.Path);
                if (hash is not null) written[entry.Path] = hash;
                if (entry.Kind == EntryKind.File) bar?.Invoke(Interlocked.Add(ref copied, entry.Size));
            }
        }
        try
        {
            await Task.WhenAll(Enumerable.Range(0, Math.Clamp(Environment.ProcessorCount, 2, 8)).Select(_ => Task.Factory.StartNew(() =>
            {
                try
                {
                    Work();
                }
                catch
                {
                    failed.Cancel();
                    throw;
                }
            }, failed.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default)));
        }
        finally
        {
            LocalFiles.RemoveTree(partial);
        }
        // Deepest first, and after every write: a directory's own time moves whenever something inside it changes,
        // and a read-only mode set earlier would have refused the writes.
        foreach (var directory in directories.OrderByDescending(d => d.Path.Length))
            LocalFiles.Guard(() => LocalFiles.CopyAttributes(Absolute(run.Source.Path, directory.Path), Absolute(run.Stage, directory.Path)), directory.Path);
        // The listing leaves the root out; its time is what list dates the model by, as rsync keeps it.
        if (run.IsDirectory) LocalFiles.Guard(() => LocalFiles.CopyAttributes(run.Source.Path, run.Stage), "");
        return new StageSend(literal, literal) { Written = hashWith is null ? null : written };
    }

    /// <summary>A name that is not UTF-8 in the source, or in the target the stage is seeded from (which --delete may clear).</summary>
    private static bool HasNamesNotUtf8(TransferContext run) =>
        PathBytes.HasEscapes(run.Source.Path) || PathBytes.HasEscapes(run.Stage)
        || run.SourceTree.Entries.Concat(run.TargetTree?.Entries ?? []).Any(e => PathBytes.HasEscapes(e.Path));

    /// <summary>Removes what <c>--delete</c> drops and whatever changes kind (a directory that becomes a file), as rsync's <c>--force</c> does.</summary>
    private static void Clear(TransferContext run, TransferPlan plan, Action<RsyncItem> onItem)
    {
        var doomed = plan.Entries
            .Where(e => !IsManifest(run, e.Path) && (e.Delete || (e.Source is not null && e.Target is not null && e.Source.Kind != e.Target.Kind)))
            .ToList();
        foreach (var entry in doomed)
        {
            LocalFiles.Guard(() => LocalFiles.RemoveTree(Absolute(run.Stage, entry.Path)), entry.Path);
            if (entry.Delete && entry.Kind == EntryKind.File) onItem(new RsyncItem(entry.Path, 0, true));
        }
    }

    /// <summary>The manifest belongs to the place it describes: never copied, never deleted (rsync's <c>--exclude=/.model-sync-manifest.json*</c>).</summary>
    private static bool IsManifest(TransferContext run, string path) => run.IsDirectory && ModelManifest.IsOwnFile(path);

    private static string Absolute(string root, string relative) => relative.Length == 0 ? root : PosixPath.Combine(root, relative);
}

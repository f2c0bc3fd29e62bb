using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Planning;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>A file's hash taken while rsync wrote it, and the inode that was read.</summary>
internal sealed record FollowedHash(string Hash, long Inode);

/// <summary>
/// Hashes the largest files of a send on the receiving side while rsync writes them (<see cref="IRemote.HashWhileWrittenProcess"/>),
/// so verification finds them hashed instead of reading them again once rsync is done. Only an optimisation: a file
/// it could not follow, or whose hash does not stand up (see <see cref="Accept"/>), is hashed from the stage as before.
/// </summary>
internal sealed class StageFollower
{
    public const int MostFiles = 8;

    /// <summary>rsync shortens longer names (less the leading dot) for its temporary file, which then cannot be found.</summary>
    private const int LongestName = 240;

    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _end;
    private readonly Task<ProcessResult> _run;
    private readonly Dictionary<string, string> _relativeByFinal;
    private readonly TimeSpan _finishLimit;

    private StageFollower(IProcessRunner runner, TransferContext run, List<PlannedEntry> files)
    {
        _relativeByFinal = files.ToDictionary(e => Final(run, e), e => e.Path, StringComparer.Ordinal);
        // Finishing is hashing what is written but not yet read: generous for a slow sha256sum, but not forever.
        _finishLimit = TimeSpan.FromSeconds(30 + files.Sum(e => e.Source!.Size) / 100e6);
        _end = CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation);
        _run = runner.RunAsync(run.Target.Remote.HashWhileWrittenProcess(run.Function, _relativeByFinal.Keys) with
        {
            WriteStdin = _ => _stop.Task,
            EndWithParent = true,
        }, _end.Token);
    }

    /// <summary>
    /// Starts following the planned files of at least <see cref="LargeFile.MinimumSize"/> (the largest <see cref="MostFiles"/>)
    /// of a first send with verification; null when there is nothing worth following.
    /// </summary>
    public static StageFollower? Start(IProcessRunner runner, TransferContext run, IReadOnlyCollection<string>? only)
    {
        var files = Candidates(run);
        return only is not null || files.Count == 0 ? null : new StageFollower(runner, run, files);
    }

    /// <summary>
    /// Only for sha256: hashing after the send costs about a second per GiB there, which following saves. xxh128 and
    /// blake3 take a fifth of that or less, and a follower's pipe (tail into the hasher) costs more CPU than it saves
    /// when sender and receiver share cores (measured: a 1 GiB push with xxh128 took 6.4 s followed, 4.8 s not).
    /// A new version's files its basis holds unchanged are hard-linked into the stage, never written: nothing to follow.
    /// </summary>
    private static List<PlannedEntry> Candidates(TransferContext run) => !run.Options.Verify || run.Function != HashFunction.Sha256 ? []
        : (run.Basis?.Plan(run.SourceTree) ?? run.Plan).ToSend.Where(e => e.Kind == EntryKind.File && LargeFile.Is(e.Source?.Size ?? 0)
                && PathBytes.Encode(PosixPath.Name(Final(run, e)).TrimStart('.')).Length <= LongestName)
            .OrderByDescending(e => e.Source!.Size).Take(MostFiles).ToList();

    private static string Final(TransferContext run, PlannedEntry entry) => run.IsDirectory ? run.Stage + "/" + entry.Path : run.Stage;

    /// <summary>The report's words for it, when this run's send is followed.</summary>
    public static string Describe(TransferContext run) =>
        Candidates(run).Count > 0 ? $"; files of {LargeFile.MinimumSize >> 20} MiB and more hashed on the receiving side as rsync writes them" : "";

    /// <summary>Runs <paramref name="send"/> with the largest files followed; the follower is stopped whether the send succeeds or not.</summary>
    public static async Task<(T Result, IReadOnlyDictionary<string, FollowedHash>? Followed)> AroundAsync<T>(IProcessRunner runner, TransferContext run,
        IReadOnlyCollection<string>? only, Func<Task<T>> send)
    {
        var follower = Start(runner, run, only);
        T result;
        try
        {
            result = await send();
        }
        catch
        {
            if (follower is not null) await follower.StopAsync(sendSucceeded: false, run.Cancellation);
            throw;
        }
        return (result, follower is null ? null : await follower.StopAsync(sendSucceeded: true, run.Cancellation));
    }

    /// <summary>
    /// Call once the send is over: the followers finish what was written (within a time limit) and report. After a
    /// failed send they are ended at once, as their hashes would go unused. Never throws but for cancellation:
    /// whatever went wrong here only means those files are hashed the usual way.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, FollowedHash>> StopAsync(bool sendSucceeded, CancellationToken cancellationToken)
    {
        _stop.TrySetResult();
        if (sendSucceeded) _end.CancelAfter(_finishLimit);
        else await _end.CancelAsync();
        try
        {
            var result = await _run;
            return result.ExitCode == 0 ? Parse(result.Stdout) : new Dictionary<string, FollowedHash>(StringComparer.Ordinal);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return new Dictionary<string, FollowedHash>(StringComparer.Ordinal);
        }
        finally
        {
            _end.Dispose();
        }
    }

    private Dictionary<string, FollowedHash> Parse(byte[] stdout)
    {
        var hashes = new Dictionary<string, FollowedHash>(StringComparer.Ordinal);
        foreach (var record in FollowOutput.Parse(stdout) ?? [])
        {
            if (!_relativeByFinal.TryGetValue(record.FinalPath, out var path)) return new Dictionary<string, FollowedHash>(StringComparer.Ordinal);
            hashes[path] = new FollowedHash(record.Hash, record.Inode);
        }
        return hashes;
    }

    /// <summary>
    /// Pure: the followed hashes that vouch for a stage file. The follower read one inode as it grew; the hash counts
    /// only if that inode is now the stage file (not a temporary file rsync threw away and wrote again), the file has
    /// the source's size, and the hash is the source's — then the bytes read are exactly the file's. Any other hash is
    /// dropped rather than called a mismatch: it may be of a partial read, and the stage file is simply hashed again.
    /// </summary>
    public static Dictionary<string, string> Accept(IReadOnlyDictionary<string, FollowedHash> followed, TreeListing stage, TreeListing source,
        IReadOnlyDictionary<string, string> sourceHashes)
    {
        var stageFiles = stage.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        var sourceFiles = source.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        return followed
            .Where(f => stageFiles.TryGetValue(f.Key, out var there) && there.Inode == f.Value.Inode && there.Inode != 0
                && sourceFiles.TryGetValue(f.Key, out var from) && from.Size == there.Size
                && sourceHashes.TryGetValue(f.Key, out var expected) && expected == f.Value.Hash)
            .ToDictionary(f => f.Key, f => f.Value.Hash, StringComparer.Ordinal);
    }
}

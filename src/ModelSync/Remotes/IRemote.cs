using ModelSync.Config;
using ModelSync.Manifests;
using ModelSync.Processes;

namespace ModelSync.Remotes;

/// <summary>How rsync names a path on a place: <c>/abs/path</c> here, <c>host:/abs/path</c> plus the ssh command for a server.</summary>
public sealed record RsyncLocation(string Spec, string? RemoteShell);

/// <summary>
/// What <see cref="IRemote.ConnectAsync"/> learnt about a place; <paramref name="HashTools"/>: the hash programs
/// on its PATH (of openssl, sha256sum, xxhsum, b3sum).
/// </summary>
public sealed record RemoteProbe(string ModelBase, string? RsyncVersion, TimeSpan ConnectTime, IReadOnlyList<string> HashTools);

/// <summary>
/// A place models live: a directory on this machine or a server over ssh. Every path argument is absolute.
/// All members but <see cref="ConnectAsync"/> require a successful connect first. Cancellation kills the child
/// processes involved and throws <see cref="OperationCanceledException"/>; failures throw
/// <see cref="Errors.ModelSyncException"/> with a message fit for the user.
/// </summary>
public interface IRemote : IAsyncDisposable
{
    ServerAlias Alias { get; }

    /// <summary>Absolute <c>model_base</c> (a remote <c>~</c> resolved). Valid after <see cref="ConnectAsync"/>.</summary>
    string ModelBase { get; }

    /// <summary>How this place is reached, for reports, e.g. <c>ssh, one shared connection, AES-GCM preferred</c>.</summary>
    string Connection { get; }

    /// <summary>
    /// For a directory here that is a server's model_base seen through a mount (proven so), that server's place,
    /// e.g. <c>reaper:/models</c>; null for every other place.
    /// </summary>
    string? MountedFrom => null;

    /// <summary>The hash programs found on the place's PATH by <see cref="ConnectAsync"/>; empty before it.</summary>
    IReadOnlyList<string> HashTools { get; }

    /// <summary>Opens the one connection every later call reuses, and probes the place. Idempotent.</summary>
    Task<RemoteProbe> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Every entry at and below <paramref name="path"/>, or null when nothing is there. Read-only.</summary>
    Task<TreeListing?> ScanAsync(string path, CancellationToken cancellationToken);

    /// <summary>
    /// The <paramref name="function"/> hash (lower-case hex) of the files <paramref name="files"/> (paths relative
    /// to <paramref name="root"/>), keyed by those paths; a single-file root is asked for and keyed as <c>""</c>. Files are hashed in parallel batches of
    /// <paramref name="batchSize"/> (one process per batch). A file that cannot be read is missing from the
    /// result. Read-only.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> HashAsync(string root, EntryKind rootKind, IReadOnlyCollection<string> files, int batchSize, ModelSync.Hashing.HashFunction function, CancellationToken cancellationToken);

    /// <summary>Bytes free at <paramref name="path"/> or its nearest existing ancestor. Read-only.</summary>
    Task<long> FreeBytesAsync(string path, CancellationToken cancellationToken);

    /// <summary>Runs one of <see cref="RemoteScripts"/> with arguments; returns whatever it exits with.</summary>
    Task<ProcessResult> RunScriptAsync(string script, IReadOnlyList<string> arguments, CancellationToken cancellationToken, byte[]? stdin = null);

    /// <summary>
    /// The child process that would run one of <see cref="RemoteScripts"/> there, for a caller that streams its
    /// stdin or stdout (<see cref="Processes.ProcessPipe"/>) instead of collecting them.
    /// </summary>
    ProcessSpec ScriptProcess(string script, IReadOnlyList<string> arguments);

    /// <summary>Runs a user's shell command there, its output streaming to this process's stdout and stderr. Returns its exit code.</summary>
    Task<int> ExecAsync(string command, CancellationToken cancellationToken);

    /// <summary>Runs a user's shell command there and captures its output.</summary>
    Task<ProcessResult> ExecCaptureAsync(string command, CancellationToken cancellationToken);

    /// <summary>How rsync should name <paramref name="path"/> on this place.</summary>
    RsyncLocation Rsync(string path);
}

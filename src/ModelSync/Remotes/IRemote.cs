using ModelSync.Config;
using ModelSync.Hashing;
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
/// A place models live: a directory on this machine or a server over ssh. Every path argument is absolute (but a
/// marker's name, which is relative to <see cref="ModelBase"/>). All members but <see cref="ConnectAsync"/> require a
/// successful connect first. Cancellation kills the child processes involved and throws
/// <see cref="OperationCanceledException"/>; failures throw <see cref="Errors.ModelSyncException"/> with a message fit
/// for the user. How a member is carried out (the shell, its scripts, their output) is the implementation's own.
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
    Task<IReadOnlyDictionary<string, string>> HashAsync(string root, EntryKind rootKind, IReadOnlyCollection<string> files, int batchSize, HashFunction function, CancellationToken cancellationToken);

    /// <summary>Bytes free at <paramref name="path"/> or its nearest existing ancestor. Read-only.</summary>
    Task<long> FreeBytesAsync(string path, CancellationToken cancellationToken);

    /// <summary>Runs an empty command there: one round trip over the open connection, for timing it. Throws when it fails.</summary>
    Task PingAsync(CancellationToken cancellationToken);

    // Writing a model. Each takes the model's path, the target; its stage, seed, old name and lock are the
    // StageNames beside it. Each is safe to repeat after a failure or an interruption.

    /// <summary>
    /// Makes the stage beside <paramref name="target"/> ready to receive a model of <paramref name="kind"/> (a
    /// directory, or else a file). <paramref name="seedFromTarget"/>: the stage starts as hard links of the target's
    /// files, so unchanged ones are not sent again (made under the seed name and renamed into place only once
    /// complete); otherwise an empty directory, or nothing for a file. A stage already of that kind is kept: that is
    /// how an interrupted run resumes. One of the other kind is removed, and a symlink at the stage's or seed's name,
    /// or a target that is a link, is removed or ignored, never followed.
    /// </summary>
    Task PrepareStageAsync(string target, EntryKind kind, bool seedFromTarget, CancellationToken cancellationToken);

    /// <summary>
    /// The steps before a model is sent, in one call: lists <paramref name="target"/> (as <see cref="ScanAsync"/>) and, unless
    /// it already holds the model (<see cref="TargetStartState.Same"/>) or is a symlink or would lose entries the request
    /// does not allow (<see cref="TargetStartState.Open"/>), tries once to take its lock as <see cref="TryTakeLockAsync"/>;
    /// once taken, measures free space and prepares the stage as <see cref="PrepareStageAsync"/>, seeded from a target of
    /// the model's kind. When any of these fails after the lock was taken, the lock is given back before the call fails.
    /// With <see cref="TargetStartState.Same"/>, a previous version left beside the target is removed as
    /// <see cref="RemovePreviousVersionAsync"/> with a holder does, and the answer says when it cannot be. With
    /// <see cref="TargetStartState.Locked"/>, one that a publish over the target in place would have to move aside first
    /// (anything but a file over a file) is only looked at: when this user cannot remove it the answer says why and the
    /// stage is not prepared, since the publish would fail.
    /// </summary>
    Task<TargetStart> StartTargetAsync(string target, TargetStartRequest request, CancellationToken cancellationToken);

    /// <summary>Removes the stage beside <paramref name="target"/> (the link itself, if one is there): one <see cref="StartTargetAsync"/> made for a run that then stopped before sending.</summary>
    Task DiscardStageAsync(string target, CancellationToken cancellationToken);

    /// <summary>
    /// The steps after a model was sent, in one call, under the lock the request's token holds: lists the stage beside
    /// <paramref name="target"/>, hashes the files asked for and, only when everything is as the request expects, writes
    /// its manifest, publishes as <see cref="PublishAsync"/> and releases the lock as <see cref="ReleaseLockAsync"/>.
    /// Otherwise nothing is written or published, and the answer holds what was found. The request's
    /// <see cref="StageFinishRequest.Ranges"/>, when given, are moved into the stage first, in the same call.
    /// </summary>
    Task<StageFinish> FinishStageAsync(string target, StageFinishRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// As <see cref="PrepareStageAsync"/>, but a new stage starts from <paramref name="basis"/>, another version beside
    /// the target: a directory stage holds hard links of exactly the basis's files <paramref name="files"/> (relative
    /// paths; nothing else of the basis, not its manifest), a file stage a hard link of the basis file. A stage already of
    /// that kind is kept. A basis that is a symlink or of the other kind is never followed: the stage starts empty. A file
    /// that cannot be linked is left out (then sent whole). Nothing of the basis is ever written or removed.
    /// <paramref name="replaceStage"/>: whatever stage is there goes first (the empty one this run's
    /// <see cref="StartTargetAsync"/> made, under this run's lock), in the same call.
    /// </summary>
    Task PrepareStageFromAsync(string target, EntryKind kind, string basis, IReadOnlyCollection<string> files, bool replaceStage, CancellationToken cancellationToken);

    /// <summary>
    /// The entries directly in <paramref name="directory"/> (paths are their names; links as links, never followed), or
    /// none when it does not exist. Read-only.
    /// </summary>
    Task<IReadOnlyList<TreeEntry>> ListDirectoryAsync(string directory, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="manifest"/> into the model directory <paramref name="directory"/>: a temporary file then
    /// a rename, neither ever through a symlink planted at its name; the directory keeps its mtime, so it is still
    /// dated by its content.
    /// </summary>
    Task WriteManifestAsync(string directory, ModelManifest manifest, CancellationToken cancellationToken);

    /// <summary>Removes the manifest from <paramref name="directory"/>, if any: a stage must not inherit a manifest that vouches for the old version.</summary>
    Task RemoveManifestAsync(string directory, CancellationToken cancellationToken);

    /// <summary>
    /// Moves the stage beside <paramref name="target"/> into place: a file over a file in one rename; otherwise the old
    /// version aside, the stage in, the old one removed (put back when the second rename fails). Once begun there, it
    /// finishes even if this machine stops waiting. A stage that is gone while the target is there counts as published
    /// by an earlier try. A stage that is a symlink is removed, and the call fails with nothing published. The new
    /// version in place but the previous one not removable (another user's files in it): published all the same, and
    /// the answer says what is left and why (null: nothing is); an earlier try's leftover is tried again.
    /// </summary>
    Task<PreviousVersionLeft?> PublishAsync(string target, CancellationToken cancellationToken);

    /// <summary>
    /// Where a publish of <paramref name="target"/> stands that this machine stopped waiting for: one still under way
    /// is waited for up to 20 s first. <see cref="PublishState.Unknown"/> when the place gives no clear answer.
    /// </summary>
    Task<PublishState> PublishStateAsync(string target, CancellationToken cancellationToken);

    /// <summary>
    /// Tries once to take the lock beside <paramref name="target"/> (an atomic mkdir, so of two racing calls exactly one
    /// succeeds), recording <paramref name="holder"/> in it. Otherwise says who holds it and how old the lock is. A
    /// symlink or a file at the lock's name is no lock: it is removed (the link itself) and the lock taken.
    /// </summary>
    Task<LockAttempt> TryTakeLockAsync(string target, LockHolder holder, CancellationToken cancellationToken);

    /// <summary>Removes a lock judged stale, in one rename so two breakers cannot both succeed. Nothing to do when it is gone.</summary>
    Task BreakLockAsync(string target, CancellationToken cancellationToken);

    /// <summary>Removes the lock only while it still records <paramref name="token"/>: someone else's lock, or none, is left alone.</summary>
    Task ReleaseLockAsync(string target, string token, CancellationToken cancellationToken);

    /// <summary>The holder records at <paramref name="records"/> (a lock's holder file, a stage's resume record), in order; null for one that cannot be read.</summary>
    Task<IReadOnlyList<LockHolder?>> ReadHoldersAsync(IReadOnlyList<string> records, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the version <paramref name="target"/> (call it under its lock): renamed to a hidden name first, so a
    /// reader sees the whole version or nothing, then removed; a symlink there loses the link only, never what it
    /// names. A stage beside it, or an old name with no version in place, means a push is publishing: nothing is
    /// touched. An old name beside the version in place is a previous version a finished publish left
    /// (<see cref="RemovePreviousVersionAsync"/>'s to remove), no hindrance.
    /// </summary>
    Task<VersionRemoval> RemoveVersionAsync(string target, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the previous version of <paramref name="target"/> that a finished publish could not remove (left at its
    /// old name), and only while the target is in place: between a publish's two renames the old name holds the only
    /// copy of the model, and nothing is touched. <paramref name="holder"/> null: the caller holds the target's lock;
    /// otherwise the lock is taken with it for the removal only (when something is there to remove), and a lock
    /// someone else holds leaves everything as it is.
    /// </summary>
    Task<PreviousVersionRemoval> RemovePreviousVersionAsync(string target, LockHolder? holder, CancellationToken cancellationToken);

    // A server to server copy through this machine: processes for Processes.ProcessPipe to connect.

    /// <summary>
    /// The process that writes a tar stream of the model at <paramref name="root"/> to its stdout: for a directory,
    /// the root and then <paramref name="paths"/> (relative to it, in order), each taken as it is (no recursion,
    /// symlinks kept); for a single file, that file (as the file a link there names). Exit 1: a file changed while read.
    /// </summary>
    ProcessSpec TarSendProcess(string root, EntryKind rootKind, IEnumerable<string> paths);

    /// <summary>
    /// The process that unpacks a tar stream from its stdin into <paramref name="stage"/>: a directory stage, or for a
    /// file the one entry <paramref name="fileName"/>, which becomes the stage file. Files the stage shares with the
    /// live target (hard links) are replaced, never written in place. A directory stage first gets
    /// <paramref name="directories"/> (relative to it), from the process's own <see cref="ProcessSpec.Stdin"/>, which
    /// <see cref="ProcessPipe"/> writes ahead of the stream.
    /// </summary>
    ProcessSpec TarReceiveProcess(string stage, EntryKind kind, string fileName, IReadOnlyCollection<string> directories);

    /// <summary>
    /// A tar stream into the empty directory stage beside <paramref name="target"/>, then <see cref="FinishStageAsync"/>'s
    /// <paramref name="request"/> in the same call (the request in the command line, or on stdin ahead of the stream:
    /// the process's own <see cref="ProcessSpec.Stdin"/>, written by <see cref="ProcessPipe"/> first); null when this
    /// remote cannot, or the request is too big to ride along.
    /// </summary>
    TarFinishCall? TarFinishCall(string target, StageFinishRequest request) => null;

    /// <summary>Removes <paramref name="paths"/> (relative, trees included) from the directory <paramref name="stage"/>.</summary>
    Task RemoveFromStageAsync(string stage, IEnumerable<string> paths, CancellationToken cancellationToken);

    // Parallel streams: each its own connection, carrying tar streams of whole files and byte ranges of big ones.

    /// <summary>
    /// This place over a connection of its own (for a server: its own ssh connection, its own TCP connection, never the
    /// shared one), connected, for one of several parallel streams; its processes ride on that connection. A place that
    /// needs no connection returns itself. The caller disposes what it gets unless it is this place.
    /// </summary>
    Task<IRemote> OpenStreamAsync(CancellationToken cancellationToken);

    /// <summary>The process that writes the bytes of <paramref name="range"/> of <paramref name="file"/> to its stdout.</summary>
    ProcessSpec RangeReadProcess(string file, ByteRange range);

    /// <summary>
    /// The process that writes its stdin at <paramref name="range"/>'s offset into the part file of the range record
    /// <paramref name="record"/> (a directory it creates), and marks the range done there once all of it arrived. The
    /// part file is always a fresh file of the record's own: one with another link (a hard link into a published model)
    /// or a symlink is refused, never written into. Repeatable: a range written again replaces its bytes.
    /// </summary>
    ProcessSpec RangeWriteProcess(string record, ByteRange range);

    /// <summary>
    /// For each of <paramref name="files"/>, all its ranges done in its record below <paramref name="records"/>: sets the
    /// part file's time (and mode, when given) and renames it to its path in <paramref name="stage"/> (a directory stage,
    /// or the stage itself for a file), replacing whatever was there. Then removes <paramref name="records"/>, with any
    /// record an earlier run left, and then, in their order, makes each of <paramref name="directories"/> (when missing)
    /// and sets its mode and time. Fails, moving nothing more, on a file whose ranges are not all done.
    /// </summary>
    Task FinishRangesAsync(string records, string stage, EntryKind kind, IReadOnlyList<RangedFile> files, IReadOnlyList<StagedDirectory> directories,
        CancellationToken cancellationToken);

    /// <summary>
    /// The process that hashes, with <paramref name="function"/>, each of <paramref name="finalPaths"/> while rsync
    /// writes it into its temporary file, until its stdin closes; its stdout is read by <see cref="FollowOutput.Parse"/>.
    /// A file it could not follow gives no record.
    /// </summary>
    ProcessSpec HashWhileWrittenProcess(HashFunction function, IReadOnlyCollection<string> finalPaths);

    // Proving a mount: a marker written there is read back through this machine's file system.

    /// <summary>
    /// Writes <paramref name="content"/> to a new file <paramref name="name"/> in <see cref="ModelBase"/> (never over an
    /// existing one). Null when written, else why not (the place's last line of error).
    /// </summary>
    Task<string?> WriteMarkerAsync(string name, byte[] content, CancellationToken cancellationToken);

    /// <summary>Removes the marker <paramref name="name"/> from <see cref="ModelBase"/>; a failure to remove it is ignored.</summary>
    Task RemoveMarkerAsync(string name, CancellationToken cancellationToken);

    // doctor: questions that must answer even where the transfer operations would fail.

    /// <summary>Home, rsync, hash tools and the clock there, even before a model_base is known.</summary>
    Task<PlaceAnswer<RemoteInspection>> InspectAsync(CancellationToken cancellationToken);

    /// <summary>Whether <paramref name="path"/> (a model_base) is a writable directory, proven by making a temp file there, and its free space.</summary>
    Task<PlaceAnswer<ModelBaseProbe>> CheckModelBaseAsync(string path, CancellationToken cancellationToken);

    /// <summary>Runs a user's shell command there, its output streaming to this process's stdout and stderr. Returns its exit code.</summary>
    Task<int> ExecAsync(string command, CancellationToken cancellationToken);

    /// <summary>Runs a user's shell command there and captures its output.</summary>
    Task<ProcessResult> ExecCaptureAsync(string command, CancellationToken cancellationToken);

    /// <summary>How rsync should name <paramref name="path"/> on this place.</summary>
    RsyncLocation Rsync(string path);
}

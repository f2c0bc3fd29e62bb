using System.Globalization;
using ModelSync.Manifests;
using ModelSync.Processes;
using ModelSync.Text;

namespace ModelSync.Remotes;

/// <summary>
/// The fixed POSIX sh scripts every place runs, locally or over ssh: the files in Scripts/, each read once. Data only
/// ever arrives as <c>$1…</c> or on stdin, never spliced into the script text. The server needs sh, GNU coreutils,
/// find and xargs.
/// </summary>
public static class RemoteScripts
{
    /// <summary>The shell's one statement of which program computes which hash, put before every script that runs one.</summary>
    public const string HashTools = "hash-tools.sh";

    /// <summary>
    /// The shell's one way to remove a tree model-sync owns, put before every script that removes one: a model published
    /// read-only (directories without u+w) is removed too, and what cannot be is named in one line on stderr.
    /// </summary>
    public const string RemoveTree = "remove-tree.sh";

    /// <summary>
    /// The shell's one way to write into or remove from a directory that may lack u+w (a model published read-only, a
    /// stage seeded from one), put before every script that does: it has u+w for that moment only, then its mode and times back.
    /// </summary>
    public const string WhileWritable = "while-writable.sh";

    /// <summary>
    /// Greets a server: home directory; rsync's version line or <c>no-rsync</c>; <c>hash-tools:</c> and the hash
    /// programs on its PATH, space-separated (shell built-ins only, so knowing them costs no extra round trip).
    /// </summary>
    public static string Probe => field ??= ScriptFiles.Load(HashTools, "probe.sh");

    /// <summary>$1: how many bytes. Prints one byte when it runs, then copies that many from stdin to stdout one by one as they arrive: one byte there and back times the round trip alone.</summary>
    public static string EchoBack => ScriptFiles.Load("echo-back.sh");

    /// <summary>
    /// $1: path, then the manifest's name, how much of it to read and find's format (<see cref="ScanArguments"/>).
    /// <c>missing\0</c>; or <c>ok\0</c>, the manifest a push left there (empty if none; NUL bytes dropped, and no more
    /// than one byte past <see cref="Manifests.ModelManifest.MaxBytes"/>, so a hostile one can neither end
    /// the field early nor fill the memory) and <c>\0</c>, then find records (root first, following a root symlink).
    /// When $1 itself is a symlink, <c>link\0</c> and its target and <c>\0</c> come first: a source may be reached
    /// through a link, but a target must not be written through one.
    /// </summary>
    public static string Scan => ScriptFiles.Load("scan.sh");

    /// <summary><see cref="Scan"/>'s arguments for <paramref name="path"/>.</summary>
    public static IReadOnlyList<string> ScanArguments(string path) =>
        [path, ModelManifest.FileName, (ModelManifest.MaxBytes + 1).ToString(CultureInfo.InvariantCulture), FindOutput.PrintfFormat];

    /// <summary>
    /// $1: model directory, $2: the manifest's name, $3: its size in bytes (<see cref="WriteManifestArguments"/>).
    /// Writes the manifest from stdin (temp file, then rename; an input that ends before its size, its sender gone,
    /// leaves whatever was there and exits 1), keeping the directory's mtime as rsync set it, so <c>list</c> still dates the
    /// model by its content. Whatever is at the temporary name is removed first and the file made only if nothing is
    /// there (noclobber), and the rename replaces whatever is at the real name (<c>-T</c>): a symlink planted at either is never written through nor renamed into.
    /// </summary>
    public static string WriteManifest => field ??= ScriptFiles.Load(WhileWritable, "write-manifest.sh");

    /// <summary>
    /// $1: model directory, $2: the manifest's name (<see cref="RemoveManifestArguments"/>). Removes the manifest, keeping
    /// the directory's mtime and its mode (one without u+w has it for the removal only).
    /// </summary>
    public static string RemoveManifest => field ??= ScriptFiles.Load(WhileWritable, "remove-manifest.sh");

    /// <summary><see cref="RemoveManifest"/>'s arguments for the model directory <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> RemoveManifestArguments(string directory) => [directory, ModelManifest.FileName];

    /// <summary><see cref="WriteManifest"/>'s arguments for a manifest of <paramref name="bytes"/> bytes in the model directory <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> WriteManifestArguments(string directory, int bytes) =>
        [directory, ModelManifest.FileName, bytes.ToString(System.Globalization.CultureInfo.InvariantCulture)];

    /// <summary>
    /// $1: directory; NUL-terminated <c>./</c>-prefixed names on stdin (so no list is ever too long for a command
    /// line); $2: files per batch; $3: the hash's name (its program chosen by <see cref="HashTools"/>); $4: <c>lines</c>
    /// or <c>each</c>. Prints the tool used on a first line, then one NUL-terminated record per file, <c>HASH *./name</c> (openssl) or <c>HASH  ./name</c>.
    /// <c>lines</c> turns the tool's output lines into records, so it is only for names the tools print
    /// verbatim; each tool escapes a newline, carriage return or backslash differently (xxhsum 0.8.1 not at all),
    /// so the caller sends such names as <c>each</c>: one tool run per file, whose hash (the first word, less the
    /// backslash that flags an escaped name) is paired with the name as given. Batches run in parallel, each into
    /// its own temp file, so records never interleave. xargs runs each batch as hash-batch.sh, whose text the script
    /// holds in a variable: a script of its own with its own arguments, not a third level of quoting.
    /// </summary>
    public static string Hash => field ??= ScriptFiles.Load(HashTools)
        + "ms_hash_batch=" + SingleQuoted.Word(ScriptFiles.Load(HashTools, "hash-batch.sh")) + "\n"
        + ScriptFiles.Load("hash-files.sh");

    /// <summary>
    /// $1: directory, $2: find's format (<see cref="FindOutput.PrintfFormat"/>). Its entries, not what is below them
    /// (links not followed), as find records named relative to it; nothing when there is no such directory.
    /// </summary>
    public static string ListDirectory => ScriptFiles.Load("list-directory.sh");

    /// <summary>$1: any path. Free KiB at it, or at its nearest existing ancestor.</summary>
    public static string FreeSpace => ScriptFiles.Load("free-space.sh");

    /// <summary>
    /// $1: target, $2: stage, $3: seed name, $4: <c>seed</c> (hard-link the target into the stage so unchanged
    /// files are not sent again), <c>basis</c> (hard-link from the version $6 only the files named on stdin,
    /// NUL-terminated and <c>./</c>-prefixed, or that version's one file), <c>dir</c> (start empty) or <c>file</c>
    /// (nothing to make), $5: <c>d</c> or <c>f</c>, the kind the stage must be. A basis that is a symlink or of the
    /// other kind seeds nothing; a file that cannot be linked is left out. An existing stage of that kind is kept: that is how an interrupted run resumes.
    /// A symlink at the stage or seed name was never made by model-sync (nor is a target that became one since the
    /// scan worth seeding from): it is removed, the link itself, and never followed. A seed is renamed into place only
    /// once complete.
    /// </summary>
    public static string PrepareStage => field ??= ScriptFiles.Load(RemoveTree, "prepare-stage.sh");

    /// <summary>
    /// $1: stage, $2: target, $3: name for the old target. A file replaces a file in one atomic rename;
    /// otherwise two renames (target aside, stage in), the old one restored if the second fails. Hang-ups are
    /// ignored so a dropped connection cannot stop it between the two renames; a missing stage with a target in
    /// place means an earlier try already published (the lock keeps anyone else from touching the stage). A stage
    /// that is a symlink is someone else's: it is removed and nothing is published. Exit <see cref="PublishedOldLeft"/>: published, but the
    /// previous version could not be removed after the swap; stderr says why in one line.
    /// </summary>
    public static string Publish => field ??= ScriptFiles.Load(RemoveTree, WhileWritable, "publish.sh");

    /// <summary><see cref="Publish"/>'s exit status when the new version is in place but the previous one is left at the old name.</summary>
    public const int PublishedOldLeft = 4;

    /// <summary>
    /// $1: stage, $2: name of the old target, $3: target. While both the stage and the old name exist a publish may be
    /// under way (removing a leftover, or between its two renames): wait up to 20 s for it. Then one word: published
    /// (stage gone, target there), kept (stage there, nothing under way), busy (still under way) or gone (neither).
    /// </summary>
    public static string PublishState => ScriptFiles.Load("publish-state.sh");

    /// <summary>
    /// $1: lock directory, $2: holder description, $3: the stage's resume record, which the new holder supersedes (empty:
    /// a lock for no stage, no record touched). <c>acquired</c>, or <c>held AGE_SECONDS</c> then the
    /// holder's description. mkdir is atomic, so of two racing pushes exactly one gets the lock. A symlink or a file
    /// at the lock's name is no lock model-sync took: it is removed (the link itself, never what it points to).
    /// </summary>
    public static string LockAcquire => ScriptFiles.Load("lock-acquire.sh");

    /// <summary>
    /// $1: lock directory, $2: token, $3: the stage, $4: its resume record (both empty: a lock for no stage, no record
    /// touched). Removes the lock only if it is still ours.
    /// </summary>
    public static string LockRelease => field ??= ScriptFiles.Load(RemoveTree, "lock-release.sh");

    /// <summary>$@: holder records. For each, a line <c>record</c>, then the record's lines (none when it cannot be read).</summary>
    public static string ReadHolders => ScriptFiles.Load("read-holders.sh");

    /// <summary>$1: lock directory. Breaks a stale lock: one rename, so two breakers cannot both succeed.</summary>
    public static string LockBreak => field ??= ScriptFiles.Load(RemoveTree, "lock-break.sh");

    /// <summary>
    /// $1: version, $2: its stage, $3: its old name, $4: its hidden name (<see cref="Paths.StageNames"/>). Prints
    /// <c>removed</c>, <c>gone</c> or <c>publishing</c> (a stage beside it, or an old name and no version: left alone). Renamed to the
    /// hidden name, then removed; a symlink loses the link only.
    /// </summary>
    public static string RemoveVersion => field ??= ScriptFiles.Load(RemoveTree, "remove-version.sh");

    /// <summary>
    /// $1: target, $2: its old name (<see cref="Paths.StageNames.Old"/>); $3: lock and $4: holder description, unless the
    /// caller holds the lock, taken and given back by <see cref="LockAcquire"/> and <see cref="LockRelease"/> for no stage. Removes the previous version a finished publish left, only while the target is in place.
    /// <c>gone</c>, <c>removed</c>, <c>publishing</c> (target not in place: untouched) or <c>busy</c> (someone else's
    /// lock); exit <see cref="PublishedOldLeft"/> and why on stderr when it cannot go.
    /// </summary>
    public static string RemoveOld => field ??= Texts(("ms_lock_acquire", LockAcquire), ("ms_lock_release", LockRelease))
        + ScriptFiles.Load(RemoveTree, "remove-old.sh");

    /// <summary>
    /// $1: a previous version left beside a target (<see cref="Paths.StageNames.Old"/>). Changes nothing: exit
    /// <see cref="PublishedOldLeft"/> and why on stderr when this user cannot remove it (see its header for what it can tell).
    /// </summary>
    public static string OldRemovable => field ??= ScriptFiles.Load("old-removable.sh");

    /// <summary>
    /// The steps before a push sends, as one script (see its header): lists the target, and when it differs from the
    /// records on stdin (<see cref="ExpectedRecords.Listing"/>) takes the lock, measures free space and prepares the
    /// stage, by running <see cref="LockAcquire"/>, <see cref="FreeSpace"/> and <see cref="PrepareStage"/>, but leaves
    /// the stage unmade when a previous version beside the target is in the publish's way and <see cref="OldRemovable"/>
    /// finds this user cannot remove it; when it is the same, removes a previous version left beside it by running <see cref="RemoveOld"/>.
    /// </summary>
    public static string PrepareTarget => field ??= Texts(("ms_lock_acquire", LockAcquire), ("ms_free_space", FreeSpace), ("ms_prepare_stage", PrepareStage),
            ("ms_remove_old", RemoveOld), ("ms_old_removable", OldRemovable))
        + ScriptFiles.Load("prepare-target.sh");

    /// <summary>
    /// The steps after a push sent, as one script (see its header): lists and hashes the stage, and only when it holds
    /// what stdin says writes the manifest, publishes and releases the lock, by running <see cref="Hash"/>,
    /// <see cref="WriteManifest"/>, <see cref="Publish"/> and <see cref="LockRelease"/>.
    /// </summary>
    public static string FinishStage => field ??= Texts(("ms_hash", Hash), ("ms_write_manifest", WriteManifest), ("ms_publish", Publish), ("ms_lock_release", LockRelease))
        + ScriptFiles.Load("finish-stage.sh");

    /// <summary>
    /// A small new model's tar stream and the steps after it, as one script (see its header): unpacks stdin into the
    /// stage by running <see cref="CopyScripts.TarReceive"/>, then <see cref="FinishStage"/> with its input from an argument.
    /// </summary>
    public static string TarFinish => field ??= Texts(("ms_tar_receive", CopyScripts.TarReceive), ("ms_finish_stage", FinishStage))
        + ScriptFiles.Load("tar-finish.sh");

    /// <summary>
    /// A streamed send's last step and the steps after it, as one script (see its header): moves the files sent in ranges
    /// into the stage by running <see cref="RangeScripts.Finish"/>, then <see cref="FinishStage"/>.
    /// </summary>
    public static string RangesFinishStage => field ??= Texts(("ms_ranges_finish", RangeScripts.Finish), ("ms_finish_stage", FinishStage))
        + ScriptFiles.Load("ranges-finish-stage.sh");

    /// <summary>Shell assignments of scripts' texts to variables, for a script that runs them as <c>sh -c "$var"</c>.</summary>
    private static string Texts(params (string Variable, string Script)[] scripts) =>
        string.Concat(scripts.Select(s => s.Variable + "=" + SingleQuoted.Word(s.Script) + "\n"));

    /// <summary>$1: path to remove, file or tree; one left is named on stderr, status 1.</summary>
    public static string Remove => field ??= ScriptFiles.Load(RemoveTree, "remove.sh");
}

using ModelSync.Processes;

namespace ModelSync.Remotes;

/// <summary>
/// The fixed POSIX sh scripts of a server-to-server copy and of the shared-mount proof. As in
/// <see cref="RemoteScripts"/>, data arrives only as <c>$1…</c> or on stdin. They need GNU tar on both servers.
/// </summary>
public static class CopyScripts
{
    /// <summary>
    /// $1: directory. Writes to stdout a tar stream of the NUL-terminated, <c>./</c>-prefixed names on stdin, each
    /// taken as it is (no recursion into directories, symlinks kept, hard links stored as separate files, as rsync
    /// does; POSIX format, so times keep their nanoseconds). GNU tar exits 1 when a file changed while it was read;
    /// the transfer then finds the change itself. $2: <c>file</c> when the one name is a single-file model, which is sent
    /// as the file it names should it be a link (as the scan saw it), never as the link.
    /// </summary>
    public static string TarSend => ScriptFiles.Load("gnu-tar.sh", "tar-send.sh");

    /// <summary>
    /// $1: stage, $2: <c>d</c> (unpack stdin's tar stream into the stage directory) or <c>f</c> (the stream holds the
    /// one file <c>./$3</c>, which becomes the stage file). Modes and times as archived, owner the receiving user.
    /// tar replaces an existing file by unlinking it first, so a file the stage shares (hard link) with the live
    /// target is never written in place; directory times are set once everything is in.
    /// </summary>
    public static string TarReceive => ScriptFiles.Load("gnu-tar.sh", "tar-receive.sh");

    /// <summary>$1: directory; removes the NUL-terminated, <c>./</c>-prefixed entries on stdin below it, trees included.</summary>
    public static string RemoveListed => ScriptFiles.Load("remove-listed.sh");

    /// <summary>"$@": rsync's arguments; rsync runs on this server (the source of <c>copy --direct</c>).</summary>
    public static string Rsync => ScriptFiles.Load("rsync.sh");

    /// <summary>
    /// "$@": an ssh command line ending in <c>true</c>: can this server log in to the other one? Prints
    /// <c>model-sync-reach=N</c> with ssh's exit code, so it cannot be mistaken for a failure to reach this server.
    /// </summary>
    public static string Reach => ScriptFiles.Load("reach.sh");

    /// <summary>$1: directory, $2: marker name. Writes stdin to the marker (a new file only), for this machine to read back.</summary>
    public static string WriteMarker => ScriptFiles.Load("write-marker.sh");
}

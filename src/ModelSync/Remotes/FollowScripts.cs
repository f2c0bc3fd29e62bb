using ModelSync.Processes;

namespace ModelSync.Remotes;

/// <summary>
/// Hashing a file while rsync writes it. rsync writes each file it receives sequentially into a temporary
/// <c>.NAME.XXXXXX</c> beside it and renames that into place when done; hashing it as it grows overlaps the
/// receiving side's hash with the transfer instead of adding a second pass after it. Data arrives only as
/// <c>$1…</c>. Needs GNU tail (<c>--pid</c>) and stat.
/// </summary>
public static class FollowScripts
{
    /// <summary>
    /// $1: the hash's name (its program chosen by <see cref="RemoteScripts.HashTools"/>); then the
    /// final paths of the files to follow. Each gets a follower that waits for rsync's temporary file (written to
    /// within the last minute: an older one is a leftover of an earlier run), opens it, and hashes it as it is written
    /// (tail following the descriptor, so the rename does not matter) until stdin closes and all of it is read. The
    /// stopper reads stdin, so even a killed script ends its followers then. Each follower keeps the file open until
    /// then, so its inode cannot be reused, and prints a NUL-terminated record (final path, hash, inode) only if the
    /// final path is now that very file: a temporary file rsync threw away, or a file it never wrote, gives no record
    /// and is hashed as usual. Without GNU tail and fractional sleep it follows nothing. No <c>head -c</c> in the
    /// pipe: its small reads doubled the CPU a follower costs.
    /// </summary>
    public static string HashWhileWritten => field ??= ScriptFiles.Load(RemoteScripts.HashTools, "hash-while-written.sh");
}

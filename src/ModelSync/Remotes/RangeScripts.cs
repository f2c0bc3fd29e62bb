using ModelSync.Processes;

namespace ModelSync.Remotes;

/// <summary>
/// The scripts of a file sent in byte ranges over parallel streams (see <see cref="IRemote.RangeWriteProcess"/>). Data
/// arrives only as <c>$1…</c> or on stdin; POSIX dd, find and touch only (dd in whole MiB blocks, no GNU flags).
/// </summary>
public static class RangeScripts
{
    /// <summary>$1: file, $2: first MiB block, $3: blocks, or empty for the rest of the file: those bytes to stdout.</summary>
    public static string Read => ScriptFiles.Load("range-read.sh");

    /// <summary>
    /// $1: the file's record directory, $2: first MiB block, $3: bytes expected, $4: <c>last</c> for the file's last range:
    /// stdin into the record's part file at that offset, then a done marker once every byte arrived. Exit 42: a symlink
    /// where the record should be; 43: the part file has other links; 44: the range ended early.
    /// </summary>
    public static string Write => ScriptFiles.Load("range-write.sh");

    /// <summary>
    /// $1: records directory, $2: stage, $3: d or f, $4: retry (an earlier try may have moved some files) or first; on
    /// stdin a line per file (<see cref="RangedFile"/>), then one per directory (<see cref="StagedDirectory"/>), as
    /// <see cref="RangesFinishInput"/> writes them.
    /// </summary>
    public static string Finish => ScriptFiles.Load("ranges-finish.sh");
}

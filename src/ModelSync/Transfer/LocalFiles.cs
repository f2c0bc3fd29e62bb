using System.Runtime.InteropServices;
using ModelSync.Errors;
using ModelSync.Hashing;
using ModelSync.Manifests;

namespace ModelSync.Transfer;

/// <summary>The file-system steps of a local copy into a stage, each failure turned into one clear error.</summary>
internal static partial class LocalFiles
{
    /// <summary>
    /// Writes <paramref name="entry"/> (a file or a symlink) at <paramref name="temp"/>, gives it the source's mode and
    /// mtime, then renames it over <paramref name="destination"/>: a hard link there is replaced, its inode untouched,
    /// and so is a symlink there, whatever it points to. <paramref name="temp"/> is a fresh name in a fresh directory,
    /// created exclusively, so nothing planted there is written through. With <paramref name="hashWith"/>, returns
    /// the file's hash read back from the copy.
    /// </summary>
    public static string? CopyInto(string source, TreeEntry entry, string temp, string destination, HashFunction? hashWith, CancellationToken cancellationToken)
    {
        string? hash = null;
        if (entry.Kind == EntryKind.Symlink)
        {
            File.CreateSymbolicLink(temp, entry.LinkTarget ?? throw new IOException("the symlink's target is unknown"));
        }
        else
        {
            if (hashWith is not null && LargeFile.Is(entry.Size)) hash = KernelCopy.CopyAndHash(source, temp, hashWith, cancellationToken);
            if (hash is null) File.Copy(source, temp, overwrite: false);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, File.GetUnixFileMode(source));
            File.SetLastWriteTimeUtc(temp, File.GetLastWriteTimeUtc(source));
        }
        Rename(temp, destination);
        if (hashWith is not null && hash is null && entry.Kind == EntryKind.File) hash = LocalFileHash.Compute(destination, hashWith, cancellationToken);
        return hash;
    }

    /// <summary>
    /// rename(2) itself: moves the name <paramref name="from"/>, a symlink included, never what it points to.
    /// File.Move would refuse a symlink to a directory as "not found", having looked through it.
    /// </summary>
    private static void Rename(string from, string to)
    {
        if (RenameNative(from, to) != 0) throw new IOException(Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));
    }

    [LibraryImport("libc", EntryPoint = "rename", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int RenameNative(string from, string to);

    /// <summary>A directory's mode and mtime, as <c>rsync -pt</c> leaves them.</summary>
    public static void CopyAttributes(string source, string destination)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(destination, File.GetUnixFileMode(source));
        Directory.SetLastWriteTimeUtc(destination, Directory.GetLastWriteTimeUtc(source));
    }

    /// <summary>
    /// Removes a file, a symlink (never what it points to) or a whole directory; nothing when nothing is there. A tree
    /// whose directories lack u+w (a model published read-only) has it given inside the tree, which is all going.
    /// </summary>
    public static void RemoveTree(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || info.Exists) File.Delete(path);
        else if (Directory.Exists(path))
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                OpenTree(new DirectoryInfo(path));
                Directory.Delete(path, recursive: true);
            }
        }
    }

    /// <summary>Gives u+rwx to <paramref name="directory"/> and every directory below it, links never followed.</summary>
    private static void OpenTree(DirectoryInfo directory)
    {
        Writable(directory.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        foreach (var inner in directory.EnumerateDirectories())
        {
            if (inner.LinkTarget is null) OpenTree(inner);
        }
    }

    /// <summary>
    /// Gives the directory at <paramref name="path"/> (a real one; nothing for a link, a file or nothing) the user's
    /// <paramref name="bits"/> it lacks: a stage seeded from a model published read-only refuses its owner's writes.
    /// </summary>
    public static void Writable(string path, UnixFileMode bits = UnixFileMode.UserWrite)
    {
        if (OperatingSystem.IsWindows()) return;
        var info = new DirectoryInfo(path);
        if (info.LinkTarget is not null || !info.Exists) return;
        var mode = info.UnixFileMode;
        if ((mode & bits) != bits) info.UnixFileMode = mode | bits;
    }

    public static void Guard(Action step, string path) => Guard(() =>
    {
        step();
        return true;
    }, path);

    public static T Guard<T>(Func<T> step, string path)
    {
        try
        {
            return step();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ModelSyncException($"local copy failed at {(path.Length == 0 ? "the model file" : path)}: {e.Message}", ExitCodes.Failed,
                "check free space and permissions on both sides, then run the same command again (it resumes)", e);
        }
    }
}

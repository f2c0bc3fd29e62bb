using System.Runtime.InteropServices;

namespace ModelSync.Paths;

/// <summary>
/// Existence checks on this machine that take a path by its bytes (<see cref="PathBytes"/>). System.IO spells a
/// path in UTF-8, so for a name that is not UTF-8 it would look at another path; these ask the kernel directly.
/// </summary>
public static partial class LocalPaths
{
    private const int ExistsMode = 0; // F_OK
    // O_RDONLY | O_DIRECTORY. Linux numbers O_DIRECTORY by architecture: 0x10000 on x86-64 is O_DIRECT on arm64.
    private static readonly int ReadOnlyDirectory = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;

    /// <summary>Whether something is at <paramref name="path"/> (a symlink counts, even a dangling one).</summary>
    public static bool Exists(string path) =>
        !PathBytes.HasEscapes(path) ? File.Exists(path) || Directory.Exists(path) || IsSymlink(path)
        : Access(Terminated(path), ExistsMode) == 0 || ReadLink(Terminated(path), new byte[1], 1) >= 0;

    /// <summary>Whether <paramref name="path"/> is a directory, or a symlink to one.</summary>
    public static bool IsDirectory(string path)
    {
        if (!PathBytes.HasEscapes(path)) return Directory.Exists(path);
        var fd = Open(Terminated(path), ReadOnlyDirectory);
        if (fd < 0) return false;
        _ = Close(fd); // opened read-only only to see that it opens: its close cannot lose anything
        return true;
    }

    private static bool IsSymlink(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget is not null;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static byte[] Terminated(string path) => [.. PathBytes.Encode(path), 0];

    [LibraryImport("libc", EntryPoint = "access")]
    private static partial int Access(byte[] path, int mode);

    [LibraryImport("libc", EntryPoint = "readlink")]
    private static partial nint ReadLink(byte[] path, byte[] buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "open")]
    private static partial int Open(byte[] path, int flags);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}

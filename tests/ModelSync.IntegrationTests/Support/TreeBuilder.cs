using System.Text;

namespace ModelSync.IntegrationTests.Support;

/// <summary>
/// Builds a directory tree on disk for a test. Relative paths use <c>/</c> as the only separator, so a
/// name may hold anything else (spaces, quotes, backslash, newline, non-ASCII).
/// </summary>
public sealed class TreeBuilder
{
    public TreeBuilder(string root)
    {
        Root = root;
        Directory.CreateDirectory(root);
    }

    /// <summary>Absolute path of the tree's root directory.</summary>
    public string Root { get; }

    /// <summary>Absolute path of <paramref name="relative"/> inside the tree.</summary>
    public string PathOf(string relative) =>
        relative.Length == 0 ? Root : Path.Join([Root, .. relative.Split('/')]);

    public TreeBuilder File(string relative, string content) => File(relative, Encoding.UTF8.GetBytes(content));

    public TreeBuilder File(string relative, byte[] content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        return this;
    }

    /// <summary>A file of <paramref name="length"/> pseudo-random bytes (deterministic per <paramref name="seed"/>).</summary>
    public TreeBuilder RandomFile(string relative, int length, int seed)
    {
        var bytes = new byte[length];
#pragma warning disable CA5394 // test data, not security
        new Random(seed).NextBytes(bytes);
#pragma warning restore CA5394
        return File(relative, bytes);
    }

    public TreeBuilder EmptyFile(string relative) => File(relative, []);

    public TreeBuilder Dir(string relative)
    {
        Directory.CreateDirectory(PathOf(relative));
        return this;
    }

    /// <summary>A symlink at <paramref name="relative"/> whose target is stored exactly as <paramref name="target"/>.</summary>
    public TreeBuilder Symlink(string relative, string target)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.CreateSymbolicLink(path, target);
        return this;
    }

    /// <summary>Sets the modification time of every file and directory below the root, and the root itself (links untouched).</summary>
    public TreeBuilder SetAllTimes(DateTime utc)
    {
        SetTimes(Root, utc);
        return this;
    }

    public static void SetTimes(string path, DateTime utc)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return;
        if (Directory.Exists(path))
        {
            foreach (var child in Directory.EnumerateFileSystemEntries(path)) SetTimes(child, utc);
            Directory.SetLastWriteTimeUtc(path, utc);
        }
        else if (System.IO.File.Exists(path))
        {
            System.IO.File.SetLastWriteTimeUtc(path, utc);
        }
    }
}

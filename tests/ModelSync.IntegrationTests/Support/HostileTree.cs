namespace ModelSync.IntegrationTests.Support;

/// <summary>A model directory whose names try every trick a shell or rsync could fall for.</summary>
public static class HostileTree
{
    /// <summary>The file name every injection attempt would create if a name ever reached a shell unquoted.</summary>
    public const string Marker = "PWNED";

    /// <summary>Builds the tree at <paramref name="root"/>; returns how many regular files it holds.</summary>
    public static int Build(string root)
    {
        var tree = new TreeBuilder(root)
            .RandomFile("weights.bin", 64 * 1024 + 17, seed: 1)
            .File("config.json", "{\"layers\": 12}\n")
            .File("with space.txt", "space\n")
            .File("single'quote.txt", "single\n")
            .File("double\"quote.txt", "double\n")
            .File("$(touch PWNED)", "dollar\n")
            .File("`touch PWNED`", "backtick\n")
            .File("semi;touch PWNED;", "semicolon\n")
            .File("-rf", "dash\n")
            .File("--delete", "double dash\n")
            .File("모델 동기화.txt", "korean\n")
            .File("new\nline.txt", "newline\n")
            .File("back\\slash.txt", "backslash\n")
            .File("tab\tname", "tab\n")
            .File("trailing space ", "trailing\n")
            .File("*glob?[x].txt", "glob\n")
            .File(".hidden", "hidden\n")
            .File("dir with 'quotes' $(touch PWNED)/inner `touch PWNED`.bin", "inner\n")
            .File("-dash dir/-n", "n\n")
            .EmptyFile("empty.txt")
            .EmptyFile("nested/also empty")
            .RandomFile("nested/deeper/shard-00001.safetensors", 3000, seed: 2)
            .Dir("empty dir")
            .Dir("nested/deeper/empty")
            .Symlink("link-to-weights", "weights.bin")
            .Symlink("nested/up-link", "../config.json")
            .Symlink("dir-link", "nested")
            .Symlink("dangling", "no such target")
            .Symlink("link $(touch PWNED)", "$(touch PWNED)");
        return TreeComparer.Snapshot(tree.Root).Values.Count(n => n.Kind == NodeKind.File);
    }

    /// <summary>Fails if a file called <see cref="Marker"/> is directly in <paramref name="directory"/> (e.g. a shell's start directory).</summary>
    public static void AssertNoMarkerDirectlyIn(string directory)
    {
        var path = Path.Combine(directory, Marker);
        Assert.False(File.Exists(path) || Directory.Exists(path), $"{path} exists: a file name was executed by a shell");
    }

    /// <summary>Fails if a file called <see cref="Marker"/> exists anywhere below any of <paramref name="roots"/> (links not followed).</summary>
    public static void AssertNoMarker(params string[] roots)
    {
        foreach (var root in roots)
        {
            AssertNoMarkerDirectlyIn(root);
            if (!Directory.Exists(root)) continue;
            var hits = new List<string>();
            FindMarker(new DirectoryInfo(root), hits);
            Assert.True(hits.Count == 0, $"found {string.Join(", ", hits)}: a file name was executed by a shell");
        }
    }

    private static void FindMarker(DirectoryInfo directory, List<string> hits)
    {
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = directory.EnumerateFileSystemInfos().ToList();
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }
        catch (IOException)
        {
            return;
        }

        foreach (var entry in entries)
        {
            if (entry.Name == Marker) hits.Add(entry.FullName);
            if (entry is DirectoryInfo sub && entry.LinkTarget is null) FindMarker(sub, hits);
        }
    }
}

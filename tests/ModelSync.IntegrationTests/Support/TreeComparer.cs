using System.Text;

namespace ModelSync.IntegrationTests.Support;

public enum NodeKind
{
    File,
    Directory,
    Symlink,
}

/// <summary>One entry of a snapshot: a file's bytes, a symlink's stored target, or a directory.</summary>
public sealed record TreeNode(NodeKind Kind, byte[]? Content, string? LinkTarget);

/// <summary>
/// Compares trees on disk byte for byte without following symlinks: same paths, same kinds, same file
/// contents (empty files included), same symlink targets, same (empty) directories. The manifest a push leaves at
/// the root of the model it published describes the model and is not part of it.
/// </summary>
public static class TreeComparer
{
    /// <summary>
    /// Every entry at and below <paramref name="root"/>, keyed by relative path (<c>/</c>-separated).
    /// A single-file (or symlink) root is one entry keyed <c>""</c>; a directory root itself is not listed.
    /// </summary>
    public static SortedDictionary<string, TreeNode> Snapshot(string root)
    {
        var result = new SortedDictionary<string, TreeNode>(StringComparer.Ordinal);
        var rootInfo = new FileInfo(root);
        if (rootInfo.LinkTarget is not null)
        {
            result[""] = new TreeNode(NodeKind.Symlink, null, rootInfo.LinkTarget);
        }
        else if (File.Exists(root))
        {
            result[""] = new TreeNode(NodeKind.File, File.ReadAllBytes(root), null);
        }
        else if (Directory.Exists(root))
        {
            Walk(root, "", result);
        }
        else
        {
            throw new DirectoryNotFoundException($"nothing at {root}");
        }

        return result;
    }

    private static void Walk(string directory, string prefix, SortedDictionary<string, TreeNode> into)
    {
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var relative = prefix + entry.Name;
            if (relative == ".model-sync-manifest.json") continue;
            if (entry.LinkTarget is not null)
            {
                into[relative] = new TreeNode(NodeKind.Symlink, null, entry.LinkTarget);
            }
            else if (entry is DirectoryInfo)
            {
                into[relative] = new TreeNode(NodeKind.Directory, null, null);
                Walk(entry.FullName, relative + "/", into);
            }
            else
            {
                into[relative] = new TreeNode(NodeKind.File, File.ReadAllBytes(entry.FullName), null);
            }
        }
    }

    /// <summary>Human-readable differences between two snapshots (empty when identical).</summary>
    public static IReadOnlyList<string> Differences(SortedDictionary<string, TreeNode> expected, SortedDictionary<string, TreeNode> actual)
    {
        var problems = new List<string>();
        foreach (var (path, want) in expected)
        {
            if (!actual.TryGetValue(path, out var got))
            {
                problems.Add($"missing {want.Kind} {Show(path)}");
                continue;
            }

            if (got.Kind != want.Kind)
            {
                problems.Add($"{Show(path)}: expected a {want.Kind}, found a {got.Kind}");
            }
            else if (want.Kind == NodeKind.Symlink && want.LinkTarget != got.LinkTarget)
            {
                problems.Add($"{Show(path)}: link target {Show(got.LinkTarget ?? "")}, expected {Show(want.LinkTarget ?? "")}");
            }
            else if (want.Kind == NodeKind.File && !want.Content!.AsSpan().SequenceEqual(got.Content))
            {
                problems.Add($"{Show(path)}: content differs ({got.Content?.Length} bytes, expected {want.Content?.Length})");
            }
        }

        foreach (var (path, got) in actual)
        {
            if (!expected.ContainsKey(path))
            {
                problems.Add($"unexpected {got.Kind} {Show(path)}");
            }
        }

        return problems;
    }

    /// <summary>Fails unless the trees at <paramref name="expectedRoot"/> and <paramref name="actualRoot"/> are identical.</summary>
    public static void AssertSameTree(string expectedRoot, string actualRoot)
    {
        var problems = Differences(Snapshot(expectedRoot), Snapshot(actualRoot));
        Assert.True(problems.Count == 0,
            $"{actualRoot} differs from {expectedRoot}:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>Fails unless the tree at <paramref name="root"/> still equals <paramref name="before"/>.</summary>
    public static void AssertUnchanged(SortedDictionary<string, TreeNode> before, string root)
    {
        var problems = Differences(before, Snapshot(root));
        Assert.True(problems.Count == 0, $"{root} changed:\n  " + string.Join("\n  ", problems));
    }

    /// <summary>A path with control characters made visible, for messages.</summary>
    public static string Show(string path)
    {
        var sb = new StringBuilder(path.Length + 2).Append('"');
        foreach (var c in path)
        {
            sb.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }

        return sb.Append('"').ToString();
    }
}

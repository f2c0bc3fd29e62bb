namespace ModelSync.Tests.Support;

/// <summary>Files of the repository the tests were built from: SKILL.md, README, docs/ and docs/json, which the tests hold the CLI to. The integration tests compile this same file.</summary>
public static class RepoFiles
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The directory holding ModelSync.slnx, found upwards from the test assembly.</summary>
    public static string Root => LazyRoot.Value;

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ModelSync.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no ModelSync.slnx above {AppContext.BaseDirectory}");
    }
}

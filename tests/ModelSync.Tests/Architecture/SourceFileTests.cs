using System.Text.RegularExpressions;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Architecture;

/// <summary>
/// Every C# file of the repository, library, CLI and tests alike, is small enough to read in one sitting and lives
/// in the namespace its folder names, so a file's place and its name say the same thing.
/// </summary>
public sealed partial class SourceFileTests
{
    private const int MaxLines = 400;

    private static readonly string[] ProjectFolders = ["src", "tests"];

    [Fact]
    public void NoSourceFileIsOver400Lines()
    {
        var tooLong = SourceFiles(RepoFiles.Root)
            .Select(file => (File: file, Lines: File.ReadLines(file).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{Path.GetRelativePath(RepoFiles.Root, f.File)}: {f.Lines} lines")
            .ToList();

        Assert.True(tooLong.Count == 0, $"over {MaxLines} lines, so split by concern (partial classes for a long test class):\n" + string.Join('\n', tooLong));
    }

    [Fact]
    public void EveryNamespaceIsItsFolder()
    {
        var wrong = new List<string>();
        foreach (var project in Projects())
        {
            var rootNamespace = Path.GetFileName(project);
            foreach (var file in SourceFiles(project))
            {
                var folder = Path.GetRelativePath(project, Path.GetDirectoryName(file)!).Replace('\\', '/');
                var expected = folder == "." ? rootNamespace : rootNamespace + "." + folder.Replace('/', '.');
                var source = File.ReadAllText(file);
                var declared = NamespaceOf(source);
                if (declared is null ? DeclaresAType(source) : declared != expected)
                    wrong.Add($"{Path.GetRelativePath(RepoFiles.Root, file)}: {declared ?? "no namespace"}, not {expected}");
            }
        }

        Assert.True(wrong.Count == 0, "namespaces that are not their folder:\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void AFileSNamespaceIsItsFirstDeclarationAndTopLevelStatementsDeclareNoType()
    {
        Assert.Equal("ModelSync.Text", NamespaceOf("using System;\n\nnamespace ModelSync.Text;\n\npublic static class Human;\n"));
        Assert.Equal("A.B", NamespaceOf("namespace A.B\n{\n    const string Sample = \"\"\"\n        namespace A.C;\n        \"\"\";\n}\n"));
        Assert.Null(NamespaceOf("return await ModelSync.Cli.Cli.MainAsync(args); // namespace X;\n"));
        Assert.False(DeclaresAType("return await ModelSync.Cli.Cli.MainAsync(args);\n"));
        Assert.True(DeclaresAType("internal sealed partial record Sample(int A);\n"));
    }

    /// <summary>The directories under src/ and tests/ that hold a .csproj; each one's root namespace is its directory's name.</summary>
    private static IEnumerable<string> Projects() =>
        ProjectFolders
            .SelectMany(top => Directory.EnumerateDirectories(Path.Combine(RepoFiles.Root, top)))
            .Where(dir => Directory.EnumerateFiles(dir, "*.csproj").Any())
            .Order(StringComparer.Ordinal);

    /// <summary>The .cs files below <paramref name="root"/>, less build output and git's own.</summary>
    private static IEnumerable<string> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(root, file).Replace('\\', '/').Split('/').Any(part => part is "bin" or "obj" or ".git"))
            .Order(StringComparer.Ordinal);

    /// <summary>The first namespace declared (a later one at a line's start is a sample in a string, as in <see cref="FolderDependencyTests"/>).</summary>
    private static string? NamespaceOf(string source) => Namespace().Match(source) is { Success: true } m ? m.Groups[1].Value : null;

    private static bool DeclaresAType(string source) => TypeDeclaration().IsMatch(source);

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^\s*(?:(?:public|internal|private|protected|static|sealed|abstract|partial|readonly|file|ref)\s+)*(?:class|record|struct|interface|enum)\s+\w", RegexOptions.Multiline)]
    private static partial Regex TypeDeclaration();
}

using System.Text.RegularExpressions;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Architecture;

/// <summary>
/// One naming style for every test, unit and integration alike: a PascalCase sentence saying the behaviour
/// (<c>UnknownOptionNamesTheCommandAndSuggests</c>), in a class named for what it tests with <c>Tests</c> at the end.
/// </summary>
public sealed partial class TestNameTests
{
    [Fact]
    public void EveryTestIsAPascalCaseSentenceInATestsClass()
    {
        var wrong = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepoFiles.Root, "tests"), "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(RepoFiles.Root, file).Replace('\\', '/');
            if (relative.Split('/').Any(part => part is "bin" or "obj")) continue;
            var names = TestNames(File.ReadAllText(file));
            wrong.AddRange(names.Where(n => !IsSentence(n)).Select(n => $"{relative}: {n}"));
            if (names.Count > 0 && !Path.GetFileNameWithoutExtension(file).Split('.')[0].EndsWith("Tests", StringComparison.Ordinal))
                wrong.Add($"{relative}: holds tests, so its name ends in Tests");
        }

        Assert.True(wrong.Count == 0, "not a PascalCase sentence (no underscores, no Test prefix or suffix, three words or more):\n" + string.Join('\n', wrong));
    }

    [Fact]
    public void SentencesPassAndOtherStylesDoNot()
    {
        // Built line by line, so that this file's own scan does not take the samples for its tests.
        var source = string.Join('\n',
            "[Fact]", "public void ScanOfAMissingPathIsNull() { }", "",
            "[Theory]", "[InlineData(\"a\"", "    + \"b\")]", "public async Task Push_fails_when_locked(string word) { }", "",
            "[Fact(Skip = \"no\")]", "/// <summary>Old style.</summary>", "public void TestPush() { }");

        Assert.Equal(["ScanOfAMissingPathIsNull", "Push_fails_when_locked", "TestPush"], TestNames(source));
        Assert.Equal([true, false, false], TestNames(source).Select(IsSentence));
        Assert.False(IsSentence("PushWorks"));
        Assert.False(IsSentence("PushTest"));
    }

    private static List<string> TestNames(string source) => [.. TestMethod().Matches(source).Select(m => m.Groups[1].Value)];

    private static bool IsSentence(string name) =>
        Sentence().IsMatch(name) && name.Count(char.IsAsciiLetterUpper) >= 3
        && !name.StartsWith("Test", StringComparison.Ordinal) && !name.EndsWith("Test", StringComparison.Ordinal);

    /// <summary>The first public method after [Fact] or [Theory], past its data and doc comment, however many lines they take.</summary>
    [GeneratedRegex(@"^\s*\[(?:Fact|Theory)\b(?:(?!\bpublic\b)[\s\S])*?\bpublic\s+(?:async\s+)?(?:Task|void)\s+(\w+)\s*\(", RegexOptions.Multiline)]
    private static partial Regex TestMethod();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex Sentence();
}

using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// The documents point at each other (README and SKILL.md keep only a summary, the detail lives in docs/): every
/// relative link in README.md, SKILL.md and docs/*.md must reach an existing file, and a #anchor a heading there.
/// </summary>
public sealed partial class DocsLinksTests
{
    private static readonly string[] FrontPages = ["README.md", "SKILL.md"];

    private static readonly string[] DeadInSample = ["missing.md", "#nowhere"];

    public static TheoryData<string> Documents()
    {
        var docs = Directory.GetFiles(RepoFiles.PathOf("docs"), "*.md")
            .Select(p => Path.GetRelativePath(RepoFiles.Root, p).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        return [.. FrontPages.Concat(docs)];
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void EveryRelativeLinkReachesAFileAndHeading(string document)
    {
        var text = File.ReadAllText(RepoFiles.PathOf(document));
        var dir = Path.GetDirectoryName(RepoFiles.PathOf(document))!;
        var dead = new List<string>();
        foreach (var target in RelativeLinks(text))
        {
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var file = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : target[(hash + 1)..];
            var path = file.Length == 0 ? RepoFiles.PathOf(document) : Path.GetFullPath(Path.Combine(dir, file));
            var fromRoot = Path.GetRelativePath(RepoFiles.Root, path).Replace('\\', '/');
            if (!File.Exists(path) && !Directory.Exists(path)) dead.Add($"{target}: no {fromRoot}");
            else if (anchor is not null && path.EndsWith(".md", StringComparison.Ordinal) && !Anchors(File.ReadAllText(path)).Contains(anchor))
                dead.Add($"{target}: no heading #{anchor} in {fromRoot}");
        }

        Assert.True(dead.Count == 0, $"{document} has dead links:\n{string.Join('\n', dead)}");
    }

    [Fact]
    public void ADeadLinkAndAMissingHeadingAreFound()
    {
        const string text = "see [a](missing.md), [b](#nowhere) and [c](https://example.com/x.md)\n\n## Here `it` is\n";

        Assert.Equal(DeadInSample, RelativeLinks(text));
        Assert.Contains("here-it-is", Anchors(text));
        Assert.DoesNotContain("nowhere", Anchors(text));
    }

    /// <summary>Link targets outside code (fenced blocks and inline code are examples, not links), minus absolute URLs.</summary>
    private static List<string> RelativeLinks(string markdown)
    {
        var prose = InlineCode().Replace(Fence().Replace(markdown, ""), "");
        return [.. Link().Matches(prose).Select(m => m.Groups["target"].Value)
            .Where(t => !UrlScheme().IsMatch(t))];
    }

    /// <summary>GitHub's heading anchors: lower case, punctuation dropped, blanks to '-', a repeated one numbered.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match heading in Heading().Matches(Fence().Replace(markdown, "")))
        {
            var slug = NotSlug().Replace(heading.Groups["title"].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var unique = slug;
            for (var n = 1; !anchors.Add(unique); n++) unique = $"{slug}-{n}";
        }

        return anchors;
    }

    [GeneratedRegex(@"(?ms)^```.*?^```")]
    private static partial Regex Fence();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex UrlScheme();

    [GeneratedRegex(@"(?m)^#{1,6} (?<title>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{N} _-]")]
    private static partial Regex NotSlug();
}

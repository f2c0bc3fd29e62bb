using System.CommandLine;
using System.Text;
using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// SKILL.md held to the real CLI: every command line it shows parses as written, every option it names exists, and
/// the rules an agent must follow are in it.
/// </summary>
public sealed partial class SkillTests
{
    private static readonly string Skill = File.ReadAllText(RepoFiles.PathOf("SKILL.md"));

    [Fact]
    public void EveryCommandLineInSkillMdParses()
    {
        var root = ModelSync.Cli.Cli.Build();
        var lines = CommandLines(root).ToList();

        Assert.True(lines.Count >= 20, $"found only {lines.Count} command lines in SKILL.md (its request table alone has more): the extraction is broken");
        foreach (var line in lines)
        {
            var parse = ModelSync.Cli.Cli.Parse(Words(line));
            Assert.True(parse.Errors.Count == 0, $"SKILL.md: `{line}` does not parse: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
            Assert.IsNotType<System.CommandLine.RootCommand>(parse.CommandResult.Command);
        }
    }

    /// <summary>
    /// A skill is loaded whole into the agent's context: it stays short and sends the agent to docs/ for the detail.
    /// The README is a front page, not the reference.
    /// </summary>
    [Fact]
    public void SkillAndReadmeStayShort()
    {
        var skillPath = RepoFiles.PathOf("SKILL.md");
        var skillLines = File.ReadAllLines(skillPath).Length;
        var skillBytes = new FileInfo(skillPath).Length;
        var readmeLines = File.ReadAllLines(RepoFiles.PathOf("README.md")).Length;

        Assert.True(skillLines <= 150, $"SKILL.md has {skillLines} lines (at most 150): move detail into docs/");
        Assert.True(skillBytes <= 10 * 1024, $"SKILL.md has {skillBytes} bytes (at most 10 KiB): move detail into docs/");
        Assert.True(readmeLines <= 250, $"README.md has {readmeLines} lines (at most 250): move detail into docs/");
    }

    [Fact]
    public void EveryOptionSkillMdNamesExists()
    {
        var known = All(ModelSync.Cli.Cli.Build()).SelectMany(c => c.Options).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet();

        var named = OptionName().Matches(Skill).Select(m => m.Value).Distinct().ToList();

        Assert.NotEmpty(named);
        Assert.All(named, option => Assert.True(known.Contains(option), $"SKILL.md names {option}, which no command has"));
    }

    [Fact]
    public void SkillMdTellsTheAgentWhatToRunAndTheRules()
    {
        Assert.Contains("## Which command for which request", Skill, StringComparison.Ordinal);
        var requests = Skill[Skill.IndexOf("## Which command for which request", StringComparison.Ordinal)..];
        foreach (var command in All(ModelSync.Cli.Cli.Build()).Where(c => c.Parents.Any() && !c.Hidden))
        {
            Assert.True(requests.Contains($"model-sync.sh {command.Name}", StringComparison.Ordinal), $"no request in SKILL.md leads to `{command.Name}`");
        }

        Assert.Contains("**Before any push, run `diff`**", Skill, StringComparison.Ordinal);
        Assert.Contains("**Never use `--delete` without first showing the user the list**", Skill, StringComparison.Ordinal);
        Assert.Contains("**Never run `prune` without the user's yes**", Skill, StringComparison.Ordinal);
    }

    /// <summary>Requests the issue found mapped to the wrong command: disk space to an `exec` of nvidia-smi, integrity to a check that trusts the manifest.</summary>
    [Theory]
    [InlineData("disk", "servers --check")]
    [InlineData("intact", "verify ")]
    public void RequestRowRunsTheCommandThatAnswersIt(string request, string command)
    {
        var rows = Skill.Split('\n').Where(l => l.StartsWith("| \"", StringComparison.Ordinal) && l[..l.IndexOf(" | ", 2, StringComparison.Ordinal)].Contains(request, StringComparison.OrdinalIgnoreCase)).ToList();

        Assert.NotEmpty(rows);
        Assert.All(rows, row =>
        {
            Assert.Contains($"model-sync.sh {command}", row, StringComparison.Ordinal);
            Assert.DoesNotContain("model-sync.sh exec", row, StringComparison.Ordinal);
            Assert.DoesNotContain("--trust-hashes", row, StringComparison.Ordinal);
        });
    }

    /// <summary>
    /// <c>$ scripts/model-sync.sh …</c> lines in code blocks, and inline code that starts with the script, with
    /// <c>model-sync</c> or with a command name and more; usage patterns (<c>&lt;alias&gt;</c>, <c>[--filter P]</c>, <c>…</c>) are not command lines.
    /// </summary>
    private static IEnumerable<string> CommandLines(RootCommand root)
    {
        var commands = root.Subcommands.Select(c => c.Name).ToHashSet();
        var fenced = FencedPrompt().Matches(Skill).Select(m => m.Groups["line"].Value);
        var inline = InlineCode().Matches(Skill).Select(m => m.Groups["code"].Value);
        foreach (var raw in fenced.Concat(inline))
        {
            var line = Regex.Replace(raw, @"\s+#.*$", "").Trim();
            var prefixed = false;
            foreach (var prefix in new[] { "scripts/model-sync.sh ", "model-sync " })
            {
                if (!line.StartsWith(prefix, StringComparison.Ordinal)) continue;
                line = line[prefix.Length..];
                prefixed = true;
            }
            // A lone command name in running text (`diff`) names the command; it is not a line to run.
            if (line.Length == 0 || line.IndexOfAny(['<', '[', '…']) >= 0 || (!prefixed && !line.Contains(' ', StringComparison.Ordinal))) continue;
            if (!commands.Contains(line.Split(' ')[0]) && !line.StartsWith("--", StringComparison.Ordinal)) continue;
            if (line.StartsWith("--", StringComparison.Ordinal) && !commands.Contains(Words(line).FirstOrDefault(w => !w.StartsWith('-')) ?? "")) continue;
            yield return line;
        }
    }

    /// <summary>The words of a command line as sh would split these simple ones (blanks, '…', "…"), up to a redirection or operator.</summary>
    private static string[] Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q) quote = null;
                else word.Append(c);
            }
            else if (c is '>' or '|' or ';' or '&')
            {
                break; // a redirection or the next command: the command line ends here
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord) words.Add(word.ToString());
                word.Clear();
                inWord = false;
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord) words.Add(word.ToString());
        return [.. words];
    }

    private static IEnumerable<Command> All(Command command) => command.Subcommands.SelectMany(All).Prepend(command);

    [GeneratedRegex(@"(?m)^\$ (?<line>(scripts/model-sync\.sh|model-sync)\b.*)$")]
    private static partial Regex FencedPrompt();

    [GeneratedRegex(@"`(?<code>[^`\n]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"(?<![\w-])--[a-z][a-z-]*")]
    private static partial Regex OptionName();
}

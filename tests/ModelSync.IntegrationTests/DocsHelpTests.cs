using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// docs/commands.md shows each command's <c>--help</c> as the CLI prints it, so the documented options cannot drift
/// from what the tool accepts: the file's first text block is <c>model-sync --help</c>, and the first text block
/// under <c>## command</c> is <c>model-sync command --help</c> (without its last, blank line). scripts/docs-help.sh
/// rewrites them all.
/// </summary>
public sealed class DocsHelpTests
{
    private const string Fix = "run scripts/docs-help.sh to rewrite the help blocks from the built CLI";

    public static TheoryData<string> Commands() =>
        [.. ModelSync.Cli.Cli.Build().Subcommands.Where(c => !c.Hidden).Select(c => c.Name).Prepend("")];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task EachHelpBlockIsTheRealHelp(string command)
    {
        var blocks = HelpBlocks(await File.ReadAllLinesAsync(RepoFiles.PathOf("docs/commands.md")));

        var help = await CliRunner.RunAsync(command.Length == 0 ? ["--help"] : [command, "--help"]);

        CliAssert.Exit(help, 0);
        Assert.True(blocks.TryGetValue(command, out var documented), $"docs/commands.md has no ```text block under ## {command}; {Fix}");
        Assert.True(documented == help.Stdout.ReplaceLineEndings("\n").TrimEnd('\n') + "\n", $"the block for '{command}' differs from its --help; {Fix}");
    }

    /// <summary>The first ```text block of each section, keyed by its heading ("" before the first).</summary>
    private static Dictionary<string, string> HelpBlocks(string[] lines)
    {
        var blocks = new Dictionary<string, string>(StringComparer.Ordinal);
        var section = "";
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("## ", StringComparison.Ordinal)) section = lines[i][3..];
            if (lines[i] != "```text" || blocks.ContainsKey(section)) continue;
            var end = Array.IndexOf(lines, "```", i + 1);
            blocks[section] = string.Concat(lines[(i + 1)..end].Select(l => l + "\n"));
            i = end;
        }
        return blocks;
    }
}

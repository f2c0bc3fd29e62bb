using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Versioning;

/// <summary><c>prune</c>'s question at a real terminal (a pseudo-terminal through <c>script</c>): the list first, then y removes and n changes nothing.</summary>
[Collection("sshd")]
public sealed class PrunePromptTests : SshdTestBase
{
    private readonly VersionLibrary _alpha;
    private readonly VersionLibrary _beta;
    private readonly string _config;

    public PrunePromptTests(SshdFixture sshd) : base(sshd)
    {
        _alpha = new VersionLibrary(sshd, Id + "a", Work);
        _beta = new VersionLibrary(sshd, Id + "b", Work);
        _config = TestConfig.Write(Work, [TestConfig.Ssh(sshd, "alpha", _alpha.Base), TestConfig.Ssh(sshd, "beta", _beta.Base)], "groups:\n  two: [alpha, beta]\n");
    }

    private static bool Has(VersionLibrary library, string name) => Directory.Exists(library.PathOf(name));

    /// <summary>Prunes all but the newest three asr versions at a terminal, answering its question with <paramref name="answer"/>.</summary>
    private Task<(string Asked, CliResult Answered)> PruneAsync(string servers, string answer) =>
        PtyRunner.AnswerAsync(["prune", servers, "--model", "asr", "--keep", "3"], _config, Work, answer);

    [Fact]
    public async Task AnsweringYesRemovesWhatTheListShowed()
    {
        var (asked, answered) = await PruneAsync("alpha", "y");

        Assert.True(answered.ExitCode == 0, answered.ToString());
        Assert.Contains("  RTX3090_N2501_ASR_250820  800B", asked, StringComparison.Ordinal);
        Assert.Contains("Remove these 1 version(s) from alpha, freeing 800B? [y/N]", asked, StringComparison.Ordinal);
        Assert.Contains("Removed 1 version, freed 800B; kept 3.", answered.Stdout, StringComparison.Ordinal);
        Assert.False(Has(_alpha, VersionLibrary.AsrNewestFirst[3]));
    }

    [Fact]
    public async Task AnsweringNoChangesNothingAndExitsTwo()
    {
        var (_, answered) = await PruneAsync("alpha", "n");

        Assert.True(answered.ExitCode == 2, answered.ToString());
        Assert.Contains("nothing was changed", answered.Stdout, StringComparison.Ordinal);
        Assert.True(Has(_alpha, VersionLibrary.AsrNewestFirst[3]));
    }

    [Fact]
    public async Task AGroupIsAskedOnceWithEachServersListAndTheTotal()
    {
        var (asked, answered) = await PruneAsync("@two", "yes");

        Assert.True(answered.ExitCode == 0, answered.ToString());
        Assert.Contains("alpha: 1 version, 800B", asked, StringComparison.Ordinal);
        Assert.Contains("beta: 1 version, 800B", asked, StringComparison.Ordinal);
        Assert.Contains("Remove these 2 version(s) from 2 servers, freeing 1.56KiB? [y/N]", asked, StringComparison.Ordinal);
        Assert.Equal(1, asked.Split("[y/N]").Length - 1);
        Assert.False(Has(_alpha, VersionLibrary.AsrNewestFirst[3]) || Has(_beta, VersionLibrary.AsrNewestFirst[3]));
    }
}

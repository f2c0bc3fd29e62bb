using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Versioning;

/// <summary>
/// <c>prune @group</c> over the real sshd: two aliases on two model_bases (<c>@two</c>: alpha, beta) and one on a closed
/// port (<c>@three</c> adds gone): one question for all, a section per server and the totals, a failure its own.
/// </summary>
[Collection("sshd")]
public sealed class PruneGroupTests : SshdTestBase
{
    private readonly VersionLibrary _alpha;
    private readonly VersionLibrary _beta;
    private readonly string _config;

    public PruneGroupTests(SshdFixture sshd) : base(sshd)
    {
        _alpha = new VersionLibrary(sshd, Id + "a", Work);
        _beta = new VersionLibrary(sshd, Id + "b", Work);
        _config = TestConfig.Write(Work, [TestConfig.Ssh(sshd, "alpha", _alpha.Base), TestConfig.Ssh(sshd, "beta", _beta.Base),
            TestConfig.Ssh(sshd, "gone", _alpha.Base) with { Port = ClosedPort.Get() }], "groups:\n  two: [alpha, beta]\n  three: [alpha, beta, gone]\n");
    }

    private Task<CliResult> Run(params string[] args) => CliWith(_config, args);

    private static string Left(VersionLibrary library) =>
        string.Join(", ", Directory.EnumerateFileSystemEntries(library.Base).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal));

    [Fact]
    public async Task ADryRunOnAGroupShowsEachServerAndTheTotalAndChangesNothing()
    {
        var before = (Left(_alpha), Left(_beta));

        var result = await Run("prune", "@two", "--model", "asr", "--keep", "2", "--dry-run");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "## Prune asr on alpha, beta (dry run)", "### alpha", "### beta", "## Summary",
            "Total: would remove 4 versions on 2 servers, freeing 3.91KiB. Nothing was changed (--dry-run).");
        Assert.Equal("2", CliAssert.Cell(result, "beta", "Would remove"));
        Assert.Equal(before, (Left(_alpha), Left(_beta)));
    }

    [Fact]
    public async Task WithYesEachServerIsPrunedAndOneNotReachedFailsAlone()
    {
        var result = await Run("prune", "@three", "--model", "ASR", "--keep", "2", "--yes");

        CliAssert.Exit(result, 1);
        CliAssert.StdoutContains(result, "### gone", "FAILED: cannot reach", "Total: removed 4 versions on 2 servers, freed 3.91KiB.",
            "Failed on 1 of 3 servers: gone");
        Assert.Equal("FAILED (exit 1)", CliAssert.Cell(result, "gone", "Status"));
        foreach (var library in new[] { _alpha, _beta })
        {
            var left = Directory.EnumerateFileSystemEntries(library.Base).Select(p => Path.GetFileName(p)!).ToList();
            foreach (var kept in VersionLibrary.AsrNewestFirst.Take(2)) Assert.Contains(kept, left);
            foreach (var gone in VersionLibrary.AsrNewestFirst.Skip(2)) Assert.DoesNotContain(gone, left);
        }
    }

    [Fact]
    public async Task WithoutATerminalOrYesAGroupIsRefusedAndNothingChanges()
    {
        var before = (Left(_alpha), Left(_beta));

        var result = await Run("prune", "@two", "--model", "asr", "--keep", "1");

        CliAssert.Error(result, 2, "prune would remove 6 versions of", "from 2 servers; nothing was changed", "--yes");
        Assert.Equal(before, (Left(_alpha), Left(_beta)));
    }

    [Fact]
    public void TheLockHolderRecordIsTheCommandLineAsRunWithTheToolName()
    {
        var parse = ModelSync.Cli.Cli.Parse(["prune", "@two", "--model", "asr", "--keep", "2", "--yes"]);

        Assert.Equal("model-sync prune @two --model asr --keep 2 --yes", ModelSync.Cli.Commands.PruneCommand.HolderCommand(parse));
    }

    [Fact]
    public async Task JsonOnAGroupFollowsTheSchema()
    {
        var dry = JsonSchemas.Valid(await Run("prune", "@three", "--model", "asr", "--keep", "3", "--dry-run", "--json"), "prune-fleet.schema.json");
        var done = JsonSchemas.Valid(await Run("prune", "alpha", "beta", "--model", "asr", "--keep", "3", "--yes", "--json"), "prune-fleet.schema.json");

        Assert.False(dry["ok"]!.GetValue<bool>());
        Assert.Equal("gone", Assert.Single(dry["failed"]!.AsArray())!.GetValue<string>());
        Assert.Equal("would_remove", dry["servers"]![1]!["prune"]!["versions"]![3]!["fate"]!.GetValue<string>());
        Assert.Equal((true, 2, 1600L), (done["ok"]!.GetValue<bool>(), done["removed"]!.GetValue<int>(), done["freed_bytes"]!.GetValue<long>()));
    }
}

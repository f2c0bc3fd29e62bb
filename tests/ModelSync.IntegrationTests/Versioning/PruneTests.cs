using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Versioning;

/// <summary><c>prune</c> over the real sshd: what goes, what stays, what is left to a push at work, and when it asks first.</summary>
[Collection("sshd")]
public sealed class PruneTests : SshdTestBase
{
    private readonly VersionLibrary _library;

    public PruneTests(SshdFixture sshd) : base(sshd) => _library = new VersionLibrary(sshd, Id, Work);

    private Task<CliResult> Run(params string[] args) => CliWith(_library.ConfigPath, args);

    private string[] Left => [.. Directory.EnumerateFileSystemEntries(_library.Base).Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task ADryRunListsWhatWouldGoAndChangesNothing()
    {
        var before = Left;

        var result = await Run("prune", "alpha", "--model", "asr", "--keep", "2", "--dry-run");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "## Prune asr on alpha (dry run)", $"| {VersionLibrary.AsrNewestFirst[2]} |", "would remove",
            "Would remove 2 versions, freeing 1.95KiB; would keep 2. Nothing was changed (--dry-run).");
        Assert.Equal(before, Left);
    }

    [Fact]
    public async Task WithYesItKeepsTheNewestAndRemovesTheRest()
    {
        var result = await Run("prune", "alpha", "--model", "ASR", "--keep", "2", "--yes");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "Removed 2 versions, freed 1.95KiB; kept 2.");
        foreach (var kept in VersionLibrary.AsrNewestFirst.Take(2)) Assert.Contains(kept, Left);
        foreach (var gone in VersionLibrary.AsrNewestFirst.Skip(2)) Assert.DoesNotContain(gone, Left);
        Assert.DoesNotContain(Left, n => n.StartsWith(".model-sync-", StringComparison.Ordinal));
        Assert.Contains("RTX3090_N2501_FASTCONFORMER_250820", Left);
    }

    [Fact]
    public async Task WithoutATerminalOrYesItRefusesAndChangesNothing()
    {
        var before = Left;

        var result = await Run("prune", "alpha", "--model", "asr", "--keep", "1");

        CliAssert.Error(result, 2, "prune would remove 3 versions of", "nothing was changed", "--yes");
        Assert.Equal(before, Left);
    }

    [Fact]
    public async Task ALockedVersionIsSkippedAndTheRestRemoved()
    {
        var locked = VersionLibrary.AsrNewestFirst[3];
        var lockPath = Path.Combine(_library.Base, ".model-sync-lock." + locked);
        Directory.CreateDirectory(lockPath);
        await File.WriteAllTextAsync(Path.Combine(lockPath, "holder"), "host=elsewhere\npid=4242\nsince=2026-01-01 00:00:00Z\ncommand=push ./m alpha\ntoken=theirs\n");

        var result = await Run("prune", "alpha", "--model", "asr", "--keep", "2", "--yes");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "skipped: locked", "Skipped 1 version a push is at work on");
        Assert.Contains(locked, Left);
        Assert.DoesNotContain(VersionLibrary.AsrNewestFirst[2], Left);
        Assert.True(File.Exists(Path.Combine(lockPath, "holder")), "someone else's lock is left alone");
    }

    [Fact]
    public async Task AStaleLockIsShownStaleWithItsAgeAndHolderAndBrokenByTheRemoval()
    {
        var stale = VersionLibrary.AsrNewestFirst[3];
        var lockPath = Path.Combine(_library.Base, ".model-sync-lock." + stale);
        Directory.CreateDirectory(lockPath);
        await File.WriteAllTextAsync(Path.Combine(lockPath, "holder"), "host=elsewhere\npid=4242\nsince=2026-01-01 00:00:00Z\ncommand=model-sync push ./m alpha\ntoken=theirs\n");
        Directory.SetLastWriteTimeUtc(lockPath, DateTime.UtcNow.AddDays(-3));

        var dry = await Run("prune", "alpha", "--model", "asr", "--keep", "2", "--dry-run");
        var done = await Run("prune", "alpha", "--model", "asr", "--keep", "2", "--yes");

        CliAssert.Exit(dry, 0);
        Assert.Equal("would remove (would break a stale lock, 3 d old, held by model-sync push ./m alpha (pid 4242 on elsewhere, since 2026-01-01 00:00:00Z))",
            CliAssert.Cell(dry, stale, "Action"));
        CliAssert.StdoutContains(dry, "Would remove 2 versions");
        CliAssert.Exit(done, 0);
        Assert.StartsWith("removed (broke a stale lock, 3 d old", CliAssert.Cell(done, stale, "Action"), StringComparison.Ordinal);
        Assert.Contains("breaking a stale lock", done.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(stale, Left);
        Assert.DoesNotContain(Left, n => n.StartsWith(".model-sync-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AVersionBeingPublishedIsSkipped()
    {
        var publishing = VersionLibrary.AsrNewestFirst[3];
        Directory.CreateDirectory(Path.Combine(_library.Base, ".model-sync-stage." + publishing));

        var result = await Run("prune", "alpha", "--model", "asr", "--keep", "2", "--yes");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "skipped: being published");
        Assert.Contains(publishing, Left);
    }

    [Fact]
    public async Task LangdetectorNeverTakesLangdetectorMms()
    {
        var result = await Run("prune", "alpha", "--model", "LANGDETECTOR", "--keep", "0", "--allow-none", "--yes");

        CliAssert.Exit(result, 0);
        Assert.DoesNotContain("RTX3090_N2501_LANGDETECTOR_250715", Left);
        Assert.Contains("RTX3090_N2501_LANGDETECTOR_MMS_251030", Left);
    }

    [Fact]
    public async Task KeepZeroWithoutAllowNoneIsRefused()
    {
        var result = await Run("prune", "alpha", "--model", "asr", "--keep", "0", "--yes");

        CliAssert.Error(result, 2, "--keep 0 would remove every version", "--allow-none");
    }

    [Fact]
    public async Task AVersionThatIsASymlinkLosesOnlyTheLink()
    {
        var elsewhere = Tree("elsewhere").File("config.pbtxt", "keep me").Root;
        File.CreateSymbolicLink(Path.Combine(_library.Base, "RTX3090_N2401_ASR_200101"), elsewhere);

        var result = await Run("prune", "alpha", "--model", "asr", "--keep", "4", "--yes");

        CliAssert.Exit(result, 0);
        Assert.DoesNotContain("RTX3090_N2401_ASR_200101", Left);
        Assert.True(File.Exists(Path.Combine(elsewhere, "config.pbtxt")), "what the link named is left alone");
    }

    [Fact]
    public async Task JsonFollowsTheSchema()
    {
        var dry = JsonSchemas.Valid(await Run("prune", "alpha", "--model", "asr", "--keep", "3", "--dry-run", "--json"), "prune.schema.json");
        var done = JsonSchemas.Valid(await Run("prune", "alpha", "--model", "asr", "--keep", "3", "--yes", "--json"), "prune.schema.json");

        Assert.Equal("would_remove", dry["versions"]![3]!["fate"]!.GetValue<string>());
        Assert.Equal(("removed", 1, 800L), (done["versions"]![3]!["fate"]!.GetValue<string>(), done["removed"]!.GetValue<int>(), done["freed_bytes"]!.GetValue<long>()));
    }
}

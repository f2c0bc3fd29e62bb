using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Versioning;

/// <summary><c>MODEL@latest</c> in pull and diff: the newest version by VERSION, then DATE, then mtime, over the real sshd.</summary>
[Collection("sshd")]
public sealed class LatestTests : SshdTestBase
{
    private readonly VersionLibrary _library;

    public LatestTests(SshdFixture sshd) : base(sshd) => _library = new VersionLibrary(sshd, Id, Work);

    private Task<CliResult> Run(params string[] args) => CliWith(_library.ConfigPath, args);

    [Fact]
    public async Task PullLatestFetchesTheNewestVersionAndSaysWhichItChose()
    {
        var result = await Run("pull", "alpha:ASR@latest", "./models/");

        CliAssert.Exit(result, 0);
        var pulled = Path.Combine(Work, "models", VersionLibrary.LatestAsr);
        TreeComparer.AssertSameTree(_library.PathOf(VersionLibrary.LatestAsr), pulled);
        Assert.Equal([VersionLibrary.LatestAsr], Directory.EnumerateFileSystemEntries(Path.Combine(Work, "models")).Select(Path.GetFileName));
        CliAssert.StdoutContains(result,
            $"Source: alpha:{_library.PathOf(VersionLibrary.LatestAsr)}\n",
            $"Resolved: alpha:ASR@latest → {VersionLibrary.LatestAsr} (newest of 4 versions of asr)\n",
            "| Verified | yes (2 files",
            "Sync complete");
    }

    [Fact]
    public async Task PullLatestJsonHasResolvedFrom()
    {
        var result = await Run("--json", "pull", "alpha:langdetector_mms@latest", "./models/");

        CliAssert.Exit(result, 0);
        using var doc = CliAssert.Json(result);
        Assert.Equal("alpha:langdetector_mms@latest", doc.RootElement.GetProperty("resolved_from").GetString());
        Assert.Equal($"alpha:{_library.PathOf("RTX3090_N2501_LANGDETECTOR_MMS_251030")}", doc.RootElement.GetProperty("source").GetString());
        TreeComparer.AssertSameTree(_library.PathOf("RTX3090_N2501_LANGDETECTOR_MMS_251030"),
            Path.Combine(Work, "models", "RTX3090_N2501_LANGDETECTOR_MMS_251030"));

        var plain = await Run("--json", "pull", "alpha:RTX3090_N2501_ASR_250820", "./models/");
        CliAssert.Exit(plain, 0);
        using var plainDoc = CliAssert.Json(plain);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, plainDoc.RootElement.GetProperty("resolved_from").ValueKind);
    }

    [Fact]
    public async Task PullLatestOfAModelThatIsNotThereFailsListingTheModels()
    {
        var result = await Run("pull", "alpha:ASRR@latest", "./models/");

        CliAssert.Error(result, 2, "no version of model 'ASRR' on alpha — did you mean 'asr'?",
            "(models there: asr, FASTCONFORMER, LANGDETECTOR, LANGDETECTOR_MMS)");
        Assert.False(Directory.Exists(Path.Combine(Work, "models")), "a failed @latest created the destination");

        var json = await Run("--json", "pull", "alpha:ASRR@latest", "./models/");
        CliAssert.JsonError(json, 2, "models there: asr, FASTCONFORMER");
    }

    [Fact]
    public async Task DiffAgainstLatestComparesWithTheNewestVersion()
    {
        var local = Tree("asr-candidate")
            .File("config.pbtxt", $"name: \"{VersionLibrary.LatestAsr}\"\n")
            .File("1/model.onnx", "a different model\n")
            .File("labels.txt", "new file\n");

        var result = await Run("diff", "./asr-candidate", "alpha:ASR@latest");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result,
            $"Remote: alpha:{_library.PathOf(VersionLibrary.LatestAsr)}\n",
            $"Resolved: alpha:ASR@latest → {VersionLibrary.LatestAsr} (newest of 4 versions of asr)\n",
            "Summary: 0 same, 1 new, 2 modified, 0 remote-only",
            $"To sync: `model-sync push ./asr-candidate alpha:{VersionLibrary.LatestAsr}`");
        Assert.Equal("new", CliAssert.Row(result, "labels.txt")[3]);

        var json = await Run("--json", "diff", "./asr-candidate", "alpha:asr@latest");
        CliAssert.Exit(json, 0);
        using var doc = CliAssert.Json(json);
        Assert.Equal("alpha:asr@latest", doc.RootElement.GetProperty("resolved_from").GetString());
        Assert.Equal($"alpha:{_library.PathOf(VersionLibrary.LatestAsr)}", doc.RootElement.GetProperty("remote").GetString());
        Assert.True(doc.RootElement.GetProperty("remote_exists").GetBoolean());
        _ = local;
    }

    [Fact]
    public async Task DiffAgainstLatestOfNothingIsTheSameError()
    {
        Tree("x").File("a", "a");

        var result = await Run("diff", "./x", "alpha:WHISPER@latest");

        CliAssert.Error(result, 2, "no version of model 'WHISPER' on alpha", "models there:");
    }

    [Fact]
    public async Task PushToLatestIsRefusedBeforeAnythingIsSent()
    {
        Tree("RTX3090_N2511_ASR_261128").File("a", "a");
        var before = TreeComparer.Snapshot(_library.Base);

        var result = await Run("push", "./RTX3090_N2511_ASR_261128", "alpha:ASR@latest");

        CliAssert.Error(result, 2, "@latest picks an existing version to read; a push needs the exact name");
        TreeComparer.AssertUnchanged(before, _library.Base);
    }
}

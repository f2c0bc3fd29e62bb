using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary><c>list</c> against a model_base of its own, so the listing is exactly what the test put there.</summary>
[Collection("sshd")]
public sealed class ListTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private static readonly DateTime Aug20 = new(2024, 8, 20, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Aug25 = new(2024, 8, 25, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Sep01 = new(2024, 9, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Jul01 = new(2024, 7, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Newest = new(2025, 1, 1, 10, 0, 0, DateTimeKind.Utc);

    private static readonly string[] AllNewestFirst =
        ["rtx4090_n2502_asr_250901", "model.onnx", "RTX3090_N2501_ASR_250820", "TTS_voice_v2"];

    private string Base => Path.Combine(Sshd.Root, "list-" + Id);

    /// <summary>One model pushed through the CLI, the rest (and model-sync's own hidden entries) made in place.</summary>
    private async Task<string> PopulatedConfigAsync()
    {
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Base));
        Tree("RTX3090_N2501_ASR_250820").RandomFile("model.plan", 1000, seed: 3).File("config.pbtxt", new string('c', 234)).SetAllTimes(Aug20);
        CliAssert.Exit(await CliWith(config, "push", "./RTX3090_N2501_ASR_250820", "alpha"), 0);

        new TreeBuilder(Path.Combine(Base, "rtx4090_n2502_asr_250901")).RandomFile("1/model.onnx", 2000, seed: 4).SetAllTimes(Sep01);
        new TreeBuilder(Path.Combine(Base, "TTS_voice_v2")).File("voice.bin", new string('v', 50)).SetAllTimes(Jul01);
        File.WriteAllText(Path.Combine(Base, "model.onnx"), new string('o', 300));
        File.SetLastWriteTimeUtc(Path.Combine(Base, "model.onnx"), Aug25);
        new TreeBuilder(Path.Combine(Base, ".model-sync-stage.ASR_half_sent")).File("part.bin", "partial").SetAllTimes(Newest);
        new TreeBuilder(Path.Combine(Base, ".model-sync-seed.ASR_seed")).File("x", "x").SetAllTimes(Newest);
        File.WriteAllText(Path.Combine(Base, ".model-sync-old.asr_old"), "old");
        File.SetLastWriteTimeUtc(Path.Combine(Base, ".model-sync-old.asr_old"), Newest);
        return config;
    }

    /// <summary>First cells of the Markdown table's body rows, in order.</summary>
    private static IReadOnlyList<string> ModelColumn(CliResult result)
    {
        var tables = CliAssert.Tables(result.Stdout);
        Assert.True(tables.Count <= 1, $"list printed {tables.Count} tables\n{result}");
        return tables.Count == 0 ? [] : tables[0].FirstColumn;
    }

    [Fact]
    public async Task ListsModelsNewestFirstWithoutStagingEntries()
    {
        var config = await PopulatedConfigAsync();

        var result = await CliWith(config, "list", "alpha");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "## Models on alpha", $"Model base: {Base}", "Total: 4 models");
        Assert.Equal(AllNewestFirst, ModelColumn(result));
        Assert.Equal("1.21KiB", CliAssert.Cell(result, "RTX3090_N2501_ASR_250820", "Size"));
        CliAssert.StdoutLacks(result, ".model-sync-", "half_sent");
    }

    [Fact]
    public async Task FilterIsCaseInsensitiveSubstringOrGlob()
    {
        var config = await PopulatedConfigAsync();

        var substring = await CliWith(config, "list", "alpha", "--filter", "asr");
        CliAssert.Exit(substring, 0);
        Assert.Equal(["rtx4090_n2502_asr_250901", "RTX3090_N2501_ASR_250820"], ModelColumn(substring));
        CliAssert.StdoutContains(substring, "Total: 2 models", "(filter: asr)");

        var glob = await CliWith(config, "list", "alpha", "--filter", "*ASR*");
        CliAssert.Exit(glob, 0);
        Assert.Equal(["rtx4090_n2502_asr_250901", "RTX3090_N2501_ASR_250820"], ModelColumn(glob));
        CliAssert.StdoutContains(glob, "Total: 2 models");

        var anchored = await CliWith(config, "list", "alpha", "--filter", "RTX3090_*_ASR_*");
        CliAssert.Exit(anchored, 0);
        Assert.Equal(["RTX3090_N2501_ASR_250820"], ModelColumn(anchored));

        var hidden = await CliWith(config, "list", "alpha", "--filter", ".model-sync");
        CliAssert.Exit(hidden, 0);
        Assert.Empty(ModelColumn(hidden));
        CliAssert.StdoutContains(hidden, "No model matches '.model-sync'.", "Total: 0 models");
    }

    [Fact]
    public async Task MissingModelBaseIsAnErrorWithAFix()
    {
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Base));

        var result = await CliWith(config, "list", "alpha");

        CliAssert.Error(result, 1, $"model_base {Base} does not exist on alpha", "mkdir -p");
    }

    [Fact]
    public async Task JsonListsNameBytesAndModified()
    {
        var config = await PopulatedConfigAsync();

        var result = await CliWith(config, "--json", "list", "alpha");

        CliAssert.Exit(result, 0);
        using var doc = CliAssert.Json(result);
        var models = doc.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(AllNewestFirst, models.Select(m => m.GetProperty("name").GetString()));
        var expected = new Dictionary<string, (long Bytes, DateTime Modified)>(StringComparer.Ordinal)
        {
            ["rtx4090_n2502_asr_250901"] = (2000, Sep01),
            ["model.onnx"] = (300, Aug25),
            ["RTX3090_N2501_ASR_250820"] = (1234, Aug20),
            ["TTS_voice_v2"] = (50, Jul01),
        };
        foreach (var model in models)
        {
            var (bytes, modified) = expected[model.GetProperty("name").GetString()!];
            Assert.Equal(bytes, model.GetProperty("bytes").GetInt64());
            Assert.Equal(new DateTimeOffset(modified), model.GetProperty("modified").GetDateTimeOffset());
        }

        Assert.Equal(4, doc.RootElement.GetProperty("total_models").GetInt32());
        Assert.Equal(3584, doc.RootElement.GetProperty("total_bytes").GetInt64());
    }
}

using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Versioning;

/// <summary><c>list</c> and <c>versions</c> read names through the naming pattern, against a model_base holding several versions of several models.</summary>
[Collection("sshd")]
public sealed class VersionedListTests : SshdTestBase
{
    private static readonly string[] FieldKeys = ["gpu", "date", "model", "version"];

    private readonly VersionLibrary _library;

    public VersionedListTests(SshdFixture sshd) : base(sshd) => _library = new VersionLibrary(sshd, Id, Work);

    private Task<CliResult> Run(params string[] args) => CliWith(_library.ConfigPath, args);

    /// <summary>First cells of the Markdown table's body rows, in order.</summary>
    private static List<string> NameColumn(CliResult result) =>
        result.Stdout.Split('\n')
            .Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| Name |", StringComparison.Ordinal))
            .Select(l => l[2..].Split(" | ")[0])
            .ToList();

    [Fact]
    public async Task ListShowsTheFieldsOfConformingNamesAndMarksTheOthers()
    {
        var result = await Run("list", "alpha");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "| Name | GPU | Model | Version | Size | Modified |", "Total: 8 models");
        Assert.Equal(VersionLibrary.Entries.Select(e => e.Name), NameColumn(result));
        Assert.Equal(["RTX3090_N2501_LANGDETECTOR_MMS_251030", "RTX3090", "LANGDETECTOR_MMS", "251030", "1.27KiB"],
            CliAssert.Row(result, "RTX3090_N2501_LANGDETECTOR_MMS_251030")[..5]);
        Assert.Equal([VersionLibrary.LatestAsr, "rtx4090", "asr", "250901"], CliAssert.Row(result, VersionLibrary.LatestAsr)[..4]);
        Assert.Equal(["langdetector-v1", "—", "—", "—", "300B"], CliAssert.Row(result, "langdetector-v1")[..5]);
        CliAssert.StdoutContains(result, "Note: 1 name (shown with —) does not follow {GPU}_{DATE}_{MODEL}_{VERSION}: langdetector-v1");
    }

    [Fact]
    public async Task ListJsonGivesFieldsOrNullAndConforms()
    {
        var result = await Run("--json", "list", "alpha");

        CliAssert.Exit(result, 0);
        using var doc = CliAssert.Json(result);
        var models = doc.RootElement.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("name").GetString()!, StringComparer.Ordinal);
        Assert.Equal(8, models.Count);
        var mms = models["RTX3090_N2501_LANGDETECTOR_MMS_251030"];
        Assert.True(mms.GetProperty("conforms").GetBoolean());
        var fields = mms.GetProperty("fields");
        Assert.Equal(["RTX3090", "N2501", "LANGDETECTOR_MMS", "251030"], FieldKeys.Select(k => fields.GetProperty(k).GetString()));
        Assert.False(models["langdetector-v1"].GetProperty("conforms").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, models["langdetector-v1"].GetProperty("fields").ValueKind);
        Assert.Equal("{GPU}_{DATE}_{MODEL}_{VERSION}", doc.RootElement.GetProperty("pattern").GetString());
    }

    [Fact]
    public async Task ModelFiltersOnTheModelFieldInAnyCase()
    {
        var result = await Run("list", "alpha", "--model", "Asr");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "(model: Asr)", "Total: 4 models");
        Assert.Equal(["A100_N2412_ASR_250901", VersionLibrary.LatestAsr, "RTX3090_N2501_ASR_250901", "RTX3090_N2501_ASR_250820"], NameColumn(result));

        var langdetector = await Run("list", "alpha", "--model", "langdetector");
        Assert.Equal(["RTX3090_N2501_LANGDETECTOR_250715"], NameColumn(langdetector));
    }

    [Fact]
    public async Task LatestKeepsTheNewestVersionOfEachModel()
    {
        var result = await Run("list", "alpha", "--latest");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "(latest version of each model)", "Total: 5 models");
        Assert.Equal(
            ["langdetector-v1", "RTX3090_N2501_LANGDETECTOR_MMS_251030", VersionLibrary.LatestAsr, "RTX3090_N2501_FASTCONFORMER_250820", "RTX3090_N2501_LANGDETECTOR_250715"],
            NameColumn(result));
    }

    [Fact]
    public async Task ModelAtLatestListsOneVersionAndNothingMatchingIsAnError()
    {
        var one = await Run("--json", "list", "alpha", "--model", "ASR@latest");
        CliAssert.Exit(one, 0);
        using (var doc = CliAssert.Json(one))
        {
            Assert.Equal([VersionLibrary.LatestAsr], doc.RootElement.GetProperty("models").EnumerateArray().Select(m => m.GetProperty("name").GetString()));
            Assert.Equal("ASR", doc.RootElement.GetProperty("model").GetString());
            Assert.True(doc.RootElement.GetProperty("latest").GetBoolean());
        }

        var none = await Run("list", "alpha", "--model", "TTS@latest");
        CliAssert.Error(none, 2, "no version of model 'TTS' on alpha", "models there: asr, FASTCONFORMER, LANGDETECTOR, LANGDETECTOR_MMS");
        Assert.Equal("", none.Stdout);

        var plain = await Run("list", "alpha", "--model", "TTS");
        CliAssert.Exit(plain, 0);
        CliAssert.StdoutContains(plain, "No model matches model TTS.", "Total: 0 models");
    }

    [Fact]
    public async Task FilterMatchesAnyFieldAndStillTheWholeName()
    {
        var field = await Run("list", "alpha", "--filter", "LANGDETECTOR_*");
        CliAssert.Exit(field, 0);
        Assert.Equal(["RTX3090_N2501_LANGDETECTOR_MMS_251030"], NameColumn(field));

        var version = await Run("list", "alpha", "--filter", "2509??");
        Assert.Equal(["A100_N2412_ASR_250901", VersionLibrary.LatestAsr, "RTX3090_N2501_ASR_250901"], NameColumn(version));

        var whole = await Run("list", "alpha", "--filter", "RTX3090_*_ASR_*");
        Assert.Equal(["RTX3090_N2501_ASR_250901", "RTX3090_N2501_ASR_250820"], NameColumn(whole));

        var substring = await Run("list", "alpha", "--filter", "lang");
        Assert.Equal(["langdetector-v1", "RTX3090_N2501_LANGDETECTOR_MMS_251030", "RTX3090_N2501_LANGDETECTOR_250715"], NameColumn(substring));
    }

    [Fact]
    public async Task VersionsListsEveryVersionNewestFirstWithSizeAndDate()
    {
        var result = await Run("versions", "alpha", "asr");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "## Versions of asr on alpha", $"Model base: {_library.Base}", "| Name | GPU | Date | Version | Size | Modified |",
            $"Total: 4 versions, 4KiB. Latest: {VersionLibrary.LatestAsr}");
        Assert.Equal(VersionLibrary.AsrNewestFirst, NameColumn(result));
        Assert.Equal(["A100_N2412_ASR_250901", "A100", "N2412", "250901", "1.17KiB"], CliAssert.Row(result, "A100_N2412_ASR_250901")[..5]);

        var json = await Run("--json", "versions", "alpha", "ASR");
        CliAssert.Exit(json, 0);
        using var doc = CliAssert.Json(json);
        var versions = doc.RootElement.GetProperty("versions").EnumerateArray().ToList();
        Assert.Equal(VersionLibrary.AsrNewestFirst, versions.Select(v => v.GetProperty("name").GetString()));
        Assert.Equal(1100, versions[0].GetProperty("bytes").GetInt64());
        Assert.Equal(new DateTimeOffset(2025, 9, 5, 10, 0, 0, TimeSpan.Zero), versions[0].GetProperty("modified").GetDateTimeOffset());
        Assert.Equal("n2501", versions[0].GetProperty("fields").GetProperty("date").GetString());
        Assert.Equal(VersionLibrary.LatestAsr, doc.RootElement.GetProperty("latest").GetString());
        Assert.Equal(4, doc.RootElement.GetProperty("total_versions").GetInt32());
    }

    [Fact]
    public async Task VersionsOfAModelThatIsNotThereIsAnErrorListingTheModels()
    {
        var result = await Run("versions", "alpha", "FASTCONFORMR");

        CliAssert.Error(result, 2, "no version of model 'FASTCONFORMR' on alpha — did you mean 'FASTCONFORMER'?",
            "(models there: asr, FASTCONFORMER, LANGDETECTOR, LANGDETECTOR_MMS)", "`model-sync list alpha`");

        var json = await Run("--json", "versions", "alpha", "FASTCONFORMR");
        CliAssert.JsonError(json, 2, "did you mean 'FASTCONFORMER'?");
    }
}

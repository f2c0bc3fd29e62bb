using ModelSync.Errors;
using ModelSync.Versioning;

namespace ModelSync.Tests.Versioning;

public sealed class NameComposerTests
{
    private static readonly DateOnly Today = new(2026, 11, 28);

    private static Dictionary<string, string?> Values(string? gpu = null, string? date = null, string? model = null, string? version = null) => new()
    {
        ["GPU"] = gpu,
        ["DATE"] = date,
        ["MODEL"] = model,
        ["VERSION"] = version,
    };

    private static ModelSyncException Refused(NamingPattern pattern, Dictionary<string, string?> values)
    {
        var error = Assert.Throws<ModelSyncException>(() => NameComposer.Compose(pattern, values, Today));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.DoesNotContain('\n', error.Message);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
        return error;
    }

    [Theory]
    [InlineData("RTX3090_N2501_LANGDETECTOR_250715")]
    [InlineData("RTX3090_N2501_LANGDETECTOR_MMS_251030")]
    [InlineData("RTX3090_N2501_FASTCONFORMER_250820")]
    [InlineData("RTX3090_N2501_ASR_250820")]
    [InlineData("rtx4090_n2502_asr_250901")]
    public void ComposingTheFieldsOfAParsedNameGivesItBack(string name)
    {
        var parsed = NamingPattern.Default.Parse(name)!;

        var composed = NameComposer.Compose(NamingPattern.Default, Values(parsed.Gpu, parsed.Date, parsed.Model, parsed.Version), Today);

        Assert.Equal(name, composed.Name);
        Assert.Equal(parsed, NamingPattern.Default.Parse(composed.Name));
    }

    [Fact]
    public void VersionDefaultsToTodayAsYymmdd()
    {
        var composed = NameComposer.Compose(NamingPattern.Default, Values("RTX3090", "N2511", "ASR"), Today);

        Assert.Equal("RTX3090_N2511_ASR_261128", composed.Name);
        Assert.Equal("261128", composed.Version);
    }

    [Fact]
    public void ExplicitVersionWins() =>
        Assert.Equal("RTX3090_N2511_ASR_261201",
            NameComposer.Compose(NamingPattern.Default, Values("RTX3090", "N2511", "ASR", "261201"), Today).Name);

    [Fact]
    public void ComposedNameReadsBackAsTheSameFields()
    {
        var composed = NameComposer.Compose(NamingPattern.Default, Values("A100", "N2511", "WHISPER_LARGE_V3", "261128"), Today);

        Assert.Equal(composed, NamingPattern.Default.Parse(composed.Name));
        Assert.Equal("WHISPER_LARGE_V3", composed.Model);
    }

    [Theory]
    [InlineData(null, "N2511", "ASR", null, "--gpu is required: the naming pattern {GPU}_{DATE}_{MODEL}_{VERSION} has {GPU}")]
    [InlineData("RTX3090", null, "ASR", null, "--date is required")]
    [InlineData("RTX3090", "N2511", null, null, "--model is required")]
    [InlineData("RTX-3090", "N2511", "ASR", null, "--gpu 'RTX-3090' is not a valid GPU")]
    [InlineData("RTX3090", "2511", "ASR", null, "--date '2511' is not a valid DATE")]
    [InlineData("RTX3090", "N2511", "ASR", "2611", "--version '2611' is not a valid VERSION")]
    [InlineData("RTX3090", "N2511", "ASR", "26-11-28", "--version '26-11-28'")]
    [InlineData("RTX3090", "N2511", "A SR", null, "--model 'A SR' is not a valid MODEL")]
    [InlineData("RTX3090", "N2511", "_ASR", null, "--model '_ASR'")]
    [InlineData("RTX3090", "N2511", "ASR/x", null, "--model 'ASR/x'")]
    public void InvalidOrMissingValuesAreRefusedWithOneLine(string? gpu, string? date, string? model, string? version, string message)
    {
        var error = Refused(NamingPattern.Default, Values(gpu, date, model, version));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFixOfAnInvalidValueDescribesTheShape() =>
        Assert.Equal("write --version as six digits yymmdd, e.g. 250715",
            Refused(NamingPattern.Default, Values("RTX3090", "N2511", "ASR", "2611")).Fix);

    [Fact]
    public void AFieldThePatternLacksIsNeitherRequiredNorAccepted()
    {
        var pattern = NamingPattern.Create("{GPU}_{MODEL}_{VERSION}");

        Assert.Equal("RTX3090_ASR_261128", NameComposer.Compose(pattern, Values("RTX3090", null, "ASR"), Today).Name);
        var error = Refused(pattern, Values("RTX3090", "N2511", "ASR"));
        Assert.Equal("--date given, but the naming pattern {GPU}_{MODEL}_{VERSION} has no {DATE}", error.Message);
    }

    [Fact]
    public void PatternWithoutVersionNeedsNoDate()
    {
        var pattern = NamingPattern.Create("{GPU}_{MODEL}");

        Assert.Equal("RTX3090_ASR", NameComposer.Compose(pattern, Values("RTX3090", null, "ASR"), Today).Name);
        Assert.Contains("has no {VERSION}", Refused(pattern, Values("RTX3090", null, "ASR", "261128")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TodayThatDoesNotFitAConfiguredVersionShapeAsksForVersion()
    {
        var pattern = NamingPattern.Create("{MODEL}_{VERSION}", new Dictionary<string, string> { ["VERSION"] = @"v\d+" });

        var error = Refused(pattern, Values(model: "ASR"));

        Assert.Contains("today's date 261128 is not a valid VERSION", error.Message, StringComparison.Ordinal);
        Assert.Equal("give --version explicitly", error.Fix);
        Assert.Equal("ASR_v3", NameComposer.Compose(pattern, Values(model: "ASR", version: "v3"), Today).Name);
    }

    [Fact]
    public void ValuesThatWouldReadBackDifferentlyAreRefused()
    {
        var pattern = NamingPattern.Create("{GPU}_{MODEL}_{VERSION}", new Dictionary<string, string> { ["GPU"] = "[A-Z0-9_]+" });

        var error = Refused(pattern, Values("A", null, "B_C", "261128"));

        Assert.Contains("'A_B_C_261128' would not read back as the same fields", error.Message, StringComparison.Ordinal);
        Assert.Contains("GPU 'A_B', MODEL 'C'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GPU", "--gpu")]
    [InlineData("VERSION", "--version")]
    public void EveryFieldHasAnOption(string field, string option) => Assert.Equal(option, NameComposer.Option(field));
}

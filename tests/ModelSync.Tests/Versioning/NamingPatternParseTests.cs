using ModelSync.Versioning;

namespace ModelSync.Tests.Versioning;

public sealed class NamingPatternParseTests
{
    private static readonly NamingPattern Default = NamingPattern.Default;

    /// <summary>The names of the original tool, as issue 3 lists them, and their fields.</summary>
    [Theory]
    [InlineData("RTX3090_N2501_LANGDETECTOR_250715", "RTX3090", "N2501", "LANGDETECTOR", "250715")]
    [InlineData("RTX3090_N2501_LANGDETECTOR_MMS_251030", "RTX3090", "N2501", "LANGDETECTOR_MMS", "251030")]
    [InlineData("RTX3090_N2501_FASTCONFORMER_250820", "RTX3090", "N2501", "FASTCONFORMER", "250820")]
    [InlineData("RTX3090_N2501_ASR_250820", "RTX3090", "N2501", "ASR", "250820")]
    [InlineData("rtx4090_n2502_asr_250901", "rtx4090", "n2502", "asr", "250901")]
    [InlineData("A100_N2412_WHISPER_LARGE_V3_241231", "A100", "N2412", "WHISPER_LARGE_V3", "241231")]
    [InlineData("H100_N2501_bert-base.uncased_250101", "H100", "N2501", "bert-base.uncased", "250101")]
    [InlineData("RTX3090_N2501_ASR_250820_250821", "RTX3090", "N2501", "ASR_250820", "250821")]
    public void ConformingNameParsesIntoItsFields(string name, string gpu, string date, string model, string version)
    {
        var parsed = Default.Parse(name);

        Assert.NotNull(parsed);
        Assert.Equal(name, parsed.Name);
        Assert.Equal((gpu, date, model, version), (parsed.Gpu, parsed.Date, parsed.Model, parsed.Version));
        Assert.Equal(["GPU", "DATE", "MODEL", "VERSION"], parsed.Fields.Select(f => f.Key));
        Assert.True(Default.Conforms(name));
    }

    /// <summary>Names that do not follow the default pattern, and a fragment of why.</summary>
    public static TheoryData<string, string> NonConforming => new()
    {
        { "langdetector-v1", "1 part separated by '_', the pattern needs 4" },
        { "model.onnx", "1 part" },
        { "TTS_voice_v2", "3 parts" },
        { "RTX3090_N2501_ASR", "3 parts" },
        { "", "1 part" },
        { "RTX3090_N2501_ASR_25082", "VERSION '25082' is not six digits yymmdd" },
        { "RTX3090_N2501_ASR_2508201", "VERSION '2508201'" },
        { "RTX3090_N2501_ASR_v250820", "VERSION 'v250820'" },
        { "RTX3090_2501_ASR_250820", "DATE '2501' is not a letter and four digits" },
        { "RTX3090_NN2501_ASR_250820", "DATE 'NN2501'" },
        { "RTX3090_N25011_ASR_250820", "DATE 'N25011'" },
        { "RTX-3090_N2501_ASR_250820", "GPU 'RTX-3090' is not letters and digits" },
        { "_N2501_ASR_250820", "GPU ''" },
        { "RTX3090_N2501__250820", "MODEL ''" },
        { "RTX3090_N2501_ASR__250820", "MODEL 'ASR_'" },
        { "RTX3090_N2501_ASR_250820_", "VERSION ''" },
        { "RTX3090_N2501_ASR_250820.tar", "VERSION '250820.tar'" },
        { "RTX3090 N2501 ASR 250820", "1 part" },
        { "RTX3090_N2501_A SR_250820", "MODEL 'A SR'" },
        { "RTX3090_N2501_ASR_250820/1", "does not" },
        { ".model-sync-stage.RTX3090_N2501_ASR_250820", "GPU '.model-sync-stage.RTX3090'" },
        { "RTX3090_N2501_ASR_２５０８２０", "VERSION" },
    };

    [Theory]
    [MemberData(nameof(NonConforming))]
    public void NonConformingNameHasNoFieldsAndAReason(string name, string reason)
    {
        Assert.Null(Default.Parse(name));
        Assert.False(Default.Conforms(name));
        if (!name.Contains('/', StringComparison.Ordinal)) Assert.Contains(reason, Default.Explain(name), StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainOfAConformingNameSaysSo() =>
        Assert.Equal("it follows the pattern", Default.Explain("RTX3090_N2501_ASR_250820"));

    [Fact]
    public void FieldsMayComeInAnyOrderAndTheFreeTextFieldAnywhere()
    {
        var pattern = NamingPattern.Create("{MODEL}_{GPU}_{VERSION}");

        var parsed = pattern.Parse("LANGDETECTOR_MMS_RTX3090_251030");

        Assert.NotNull(parsed);
        Assert.Equal(("LANGDETECTOR_MMS", "RTX3090", "251030"), (parsed.Model, parsed.Gpu, parsed.Version));
        Assert.Null(parsed.Date);
        Assert.Null(pattern.Parse("RTX3090_N2501_ASR"));
    }

    [Fact]
    public void ConfiguredFieldRegexReplacesTheBuiltInShape()
    {
        var pattern = NamingPattern.Create("{MODEL}_{VERSION}", new Dictionary<string, string> { ["VERSION"] = @"v\d+" });

        var parsed = pattern.Parse("langdetector_v1");

        Assert.NotNull(parsed);
        Assert.Equal(("langdetector", "v1"), (parsed.Model, parsed.Version));
        Assert.Null(pattern.Parse("langdetector_250715"));
        Assert.Contains(@"VERSION '250715' is not matching /v\d+/ (naming.fields.VERSION)", pattern.Explain("langdetector_250715"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(@"^\d{6}$")]
    [InlineData(@"\d{6}")]
    [InlineData(@"^\d{6}")]
    public void AnchorsInAFieldRegexAreAccepted(string regex)
    {
        var pattern = NamingPattern.Create(NamingPattern.DefaultTemplate, new Dictionary<string, string> { ["VERSION"] = regex });

        Assert.Equal("250715", pattern.Parse("RTX3090_N2501_LANGDETECTOR_250715")?.Version);
        Assert.Null(pattern.Parse("RTX3090_N2501_LANGDETECTOR_2507150"));
    }

    [Fact]
    public void AlternationInAFieldRegexStaysInsideItsField()
    {
        var pattern = NamingPattern.Create(NamingPattern.DefaultTemplate, new Dictionary<string, string> { ["GPU"] = "RTX3090|A100" });

        Assert.Equal("A100", pattern.Parse("A100_N2501_ASR_250820")?.Gpu);
        Assert.Null(pattern.Parse("H100_N2501_ASR_250820"));
    }

    [Fact]
    public void MatchingIsCaseSensitiveOnlyWhereTheShapeIs()
    {
        var pattern = NamingPattern.Create(NamingPattern.DefaultTemplate, new Dictionary<string, string> { ["DATE"] = @"N\d{4}" });

        Assert.NotNull(pattern.Parse("RTX3090_N2501_ASR_250820"));
        Assert.Null(pattern.Parse("RTX3090_n2501_ASR_250820"));
    }
}

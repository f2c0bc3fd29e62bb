using ModelSync.Errors;
using ModelSync.Versioning;
using static ModelSync.Tests.Versioning.Versions;

namespace ModelSync.Tests.Versioning;

public sealed class ModelCatalogTests
{
    /// <summary>Several versions of several models, and names that follow no pattern, as a model_base might hold them.</summary>
    private static ModelCatalog Library() => Catalog(
        Info("RTX3090_N2501_LANGDETECTOR_250715", seconds: 50),
        Info("RTX3090_N2501_LANGDETECTOR_MMS_251030", seconds: 10),
        Info("RTX3090_N2501_FASTCONFORMER_250820", seconds: 20),
        Info("RTX3090_N2501_ASR_250820", seconds: 90),
        Info("RTX3090_N2501_ASR_250901", seconds: 30),
        Info("rtx4090_n2502_asr_250901", seconds: 40),
        Info("A100_N2412_ASR_250701", seconds: 999),
        Info("langdetector-v1", seconds: 5000),
        Info("model.onnx", seconds: 6000));

    [Fact]
    public void EveryEntryIsKeptWithItsParsedName()
    {
        var catalog = Library();

        Assert.Equal(9, catalog.Entries.Count);
        Assert.Equal(["langdetector-v1", "model.onnx"], catalog.Entries.Where(e => !e.Conforms).Select(e => e.Name));
        Assert.Equal("LANGDETECTOR_MMS", catalog.Entries[1].Parsed?.Model);
    }

    [Fact]
    public void VersionsOfAModelAreNewestFirstAndMatchTheModelInAnyCase()
    {
        var versions = Library().VersionsOf("asr");

        Assert.Equal(["rtx4090_n2502_asr_250901", "RTX3090_N2501_ASR_250901", "RTX3090_N2501_ASR_250820", "A100_N2412_ASR_250701"],
            versions.Select(v => v.Name));
    }

    [Fact]
    public void AModelIsItsWholeFieldNotAPrefix()
    {
        Assert.Equal(["RTX3090_N2501_LANGDETECTOR_250715"], Library().VersionsOf("LANGDETECTOR").Select(v => v.Name));
        Assert.Equal(["RTX3090_N2501_LANGDETECTOR_MMS_251030"], Library().VersionsOf("langdetector_mms").Select(v => v.Name));
        Assert.Empty(Library().VersionsOf("LANG"));
    }

    [Fact]
    public void ModelNamesAreDistinctAndSpeltAsInTheNewestVersion() =>
        Assert.Equal(["asr", "FASTCONFORMER", "LANGDETECTOR", "LANGDETECTOR_MMS"], Library().ModelNames);

    [Fact]
    public void LatestOfEachKeepsTheNewestVersionPerModelAndEveryNonConformingName()
    {
        var latest = ModelCatalog.LatestOfEach(Library().Entries).Select(e => e.Name);

        Assert.Equal(
            [
                "RTX3090_N2501_LANGDETECTOR_250715", "RTX3090_N2501_LANGDETECTOR_MMS_251030", "RTX3090_N2501_FASTCONFORMER_250820",
                "rtx4090_n2502_asr_250901", "langdetector-v1", "model.onnx",
            ],
            latest);
    }

    [Fact]
    public void LatestResolvesToTheNewestVersion()
    {
        var resolved = LatestResolver.Resolve(Library(), "ASR", "reaper:ASR@latest", "reaper");

        Assert.Equal("rtx4090_n2502_asr_250901", resolved.Chosen.Name);
        Assert.Equal(4, resolved.Versions);
        Assert.Equal("reaper:ASR@latest → rtx4090_n2502_asr_250901 (newest of 4 versions of asr)", resolved.Describe());
    }

    [Fact]
    public void LatestOfAModelWithOneVersionSaysSo() =>
        Assert.Equal("r:FASTCONFORMER@latest → RTX3090_N2501_FASTCONFORMER_250820 (newest of 1 version of FASTCONFORMER)",
            LatestResolver.Resolve(Library(), "FASTCONFORMER", "r:FASTCONFORMER@latest", "r").Describe());

    [Fact]
    public void NothingMatchingIsAUsageErrorListingTheModelsThere()
    {
        var error = Assert.Throws<ModelSyncException>(() => LatestResolver.Resolve(Library(), "ASRR", "reaper:ASRR@latest", "reaper"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal("no version of model 'ASRR' on reaper — did you mean 'asr'? (models there: asr, FASTCONFORMER, LANGDETECTOR, LANGDETECTOR_MMS)",
            error.Message);
        Assert.Contains("`model-sync list reaper`", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void NonConformingNamesAreNotModels()
    {
        var error = Assert.Throws<ModelSyncException>(() => LatestResolver.Resolve(Library(), "langdetector-v1", "r:x", "reaper"));

        Assert.StartsWith("no version of model 'langdetector-v1' on reaper — did you mean 'LANGDETECTOR'?", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithNoConformingNamesTheErrorSaysSo()
    {
        var error = Assert.Throws<ModelSyncException>(() =>
            LatestResolver.Resolve(Catalog(Info("langdetector-v1"), Info("bert")), "ASR", "r:ASR@latest", "r"));

        Assert.Contains("no version of model 'ASR' on r (no name there follows {GPU}_{DATE}_{MODEL}_{VERSION})", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongModelListsAreCut()
    {
        var many = Enumerable.Range(0, 25).Select(i => Info($"RTX3090_N2501_M{i:00}_250101")).ToArray();

        var error = Assert.Throws<ModelSyncException>(() => LatestResolver.Resolve(Catalog(many), "ZZZZZZ", "r:ZZZZZZ@latest", "r"));

        Assert.Contains("M19 and 5 more)", error.Message, StringComparison.Ordinal);
    }
}

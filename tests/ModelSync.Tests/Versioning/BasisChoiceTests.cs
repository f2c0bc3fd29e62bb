using ModelSync.Versioning;
using static ModelSync.Tests.Versioning.Versions;

namespace ModelSync.Tests.Versioning;

public sealed class BasisChoiceTests
{
    [Fact]
    public void TheNewestOtherVersionOfTheSameModelIsTheBasis()
    {
        ModelInfo[] beside = [Info("RTX3090_N2412_ASR_250101"), Info("RTX3090_N2501_ASR_250715"), Info("RTX3090_N2501_TTS_251201"), Info("RTX3090_N2501_ASR_250301")];

        var chosen = BasisChoice.Newest(NamingPattern.Default, "RTX3090_N2501_ASR_250820", beside);

        Assert.Equal("RTX3090_N2501_ASR_250715", chosen?.Name);
    }

    [Fact]
    public void AModelIsMatchedWholeSoLangdetectorNeverTakesLangdetectorMms()
    {
        ModelInfo[] beside = [Info("RTX3090_N2501_LANGDETECTOR_MMS_251030"), Info("RTX3090_N2412_LANGDETECTOR_250101")];

        Assert.Equal("RTX3090_N2412_LANGDETECTOR_250101", BasisChoice.Newest(NamingPattern.Default, "RTX3090_N2501_LANGDETECTOR_251201", beside)?.Name);
        Assert.Equal("RTX3090_N2501_LANGDETECTOR_MMS_251030", BasisChoice.Newest(NamingPattern.Default, "RTX3090_N2501_LANGDETECTOR_MMS_251201", beside)?.Name);
        Assert.Null(BasisChoice.Newest(NamingPattern.Default, "RTX3090_N2501_LANGDETECTOR_MMS_251201", [Info("RTX3090_N2412_LANGDETECTOR_250101")]));
    }

    [Fact]
    public void TheModelIsComparedInAnyCaseAsVersionsGroupsIt()
    {
        var chosen = BasisChoice.Newest(NamingPattern.Default, "RTX3090_N2501_ASR_250820", [Info("RTX3090_N2501_asr_250715")]);

        Assert.Equal("RTX3090_N2501_asr_250715", chosen?.Name);
    }

    [Fact]
    public void ANewerVersionIsAsGoodABasisAsAnOlderOne()
    {
        var chosen = BasisChoice.Newest(NamingPattern.Default, "RTX3090_N2501_ASR_250101", [Info("RTX3090_N2501_ASR_250820"), Info("RTX3090_N2412_ASR_241201")]);

        Assert.Equal("RTX3090_N2501_ASR_250820", chosen?.Name);
    }

    [Fact]
    public void VersionAndDateTiedTheLaterModificationWins()
    {
        var pattern = NamingPattern.Create("{MODEL}_{VERSION}");
        ModelInfo[] beside = [Info("ASR_250715", seconds: 10), Info("asr_250715", seconds: 20)];

        Assert.Equal("asr_250715", BasisChoice.Newest(pattern, "ASR_250820", beside)?.Name);
    }

    [Fact]
    public void TheTargetItselfANameOutsideThePatternAndNoOtherVersionGiveNoBasis()
    {
        Assert.Null(BasisChoice.Newest(NamingPattern.Default, "RTX3090_N2501_ASR_250820", [Info("RTX3090_N2501_ASR_250820")]));
        Assert.Null(BasisChoice.Newest(NamingPattern.Default, "my-model", [Info("RTX3090_N2501_ASR_250820")]));
        Assert.Null(BasisChoice.Newest(NamingPattern.Default, "RTX3090_N2501_ASR_250820", [Info("notes"), Info("RTX3090_N2501_TTS_250820")]));
    }

    [Theory]
    [InlineData("a/b", "is a path, not the name of a version beside the target")]
    [InlineData("..", "is not a name")]
    [InlineData("", "is not a name")]
    [InlineData(".model-sync-stage.X", "is one of model-sync's own names")]
    [InlineData("X", "is the target itself")]
    [InlineData("RTX3090_N2501_ASR_250715", null)]
    public void ABasisNameMustBeOneNameBesideTheTarget(string name, string? problem) =>
        Assert.Equal(problem, BasisChoice.Problem(name, "X"));
}

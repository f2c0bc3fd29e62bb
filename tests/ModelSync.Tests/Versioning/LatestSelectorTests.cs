using ModelSync.Errors;
using ModelSync.Versioning;

namespace ModelSync.Tests.Versioning;

public sealed class LatestSelectorTests
{
    [Theory]
    [InlineData("ASR@latest", "ASR")]
    [InlineData("asr@LATEST", "asr")]
    [InlineData("LANGDETECTOR_MMS@latest", "LANGDETECTOR_MMS")]
    [InlineData("a@b@latest", "a@b")]
    public void ModelAtLatestIsASelector(string text, string model)
    {
        Assert.True(LatestSelector.TryParse(text, out var parsed));
        Assert.Equal(model, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("RTX3090_N2501_ASR_250820")]
    [InlineData("ASR@latest/")]
    [InlineData("ASR@v2")]
    [InlineData("ASR@lates")]
    [InlineData("sub/dir")]
    public void AnythingElseIsAPlainName(string? text)
    {
        Assert.False(LatestSelector.TryParse(text, out var model));
        Assert.Null(model);
    }

    [Theory]
    [InlineData("@latest", "names no model")]
    [InlineData("team/ASR@latest", "directly under model_base")]
    public void ASelectorWithoutAModelOrWithAPathIsAUsageError(string text, string message)
    {
        var error = Assert.Throws<ModelSyncException>(() => LatestSelector.TryParse(text, out _));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Fix);
    }
}

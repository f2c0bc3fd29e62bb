using ModelSync.Paths;

namespace ModelSync.Tests.Publishing;

public sealed class StageNamesTests
{
    [Theory]
    [InlineData("/models/bert", "/models/.model-sync-stage.bert", "/models/.model-sync-seed.bert", "/models/.model-sync-old.bert")]
    [InlineData("/models/bert/", "/models/.model-sync-stage.bert", "/models/.model-sync-seed.bert", "/models/.model-sync-old.bert")]
    [InlineData("/models/sub/model.onnx", "/models/sub/.model-sync-stage.model.onnx", "/models/sub/.model-sync-seed.model.onnx", "/models/sub/.model-sync-old.model.onnx")]
    [InlineData("/bert", "/.model-sync-stage.bert", "/.model-sync-seed.bert", "/.model-sync-old.bert")]
    [InlineData("/m/모델 v1", "/m/.model-sync-stage.모델 v1", "/m/.model-sync-seed.모델 v1", "/m/.model-sync-old.모델 v1")]
    public void SiblingsAreHiddenNextToTheTarget(string target, string stage, string seed, string old)
    {
        Assert.Equal(stage, StageNames.Stage(target));
        Assert.Equal(seed, StageNames.Seed(target));
        Assert.Equal(old, StageNames.Old(target));
    }

    [Theory]
    [InlineData("/models/bert")]
    [InlineData("/a/b/c")]
    public void SiblingsAreDistinctDotNamesThatCountAsControlNames(string target)
    {
        string[] siblings = [StageNames.Stage(target), StageNames.Seed(target), StageNames.Old(target)];

        Assert.Equal(3, siblings.Distinct(StringComparer.Ordinal).Count());
        Assert.All(siblings, s =>
        {
            var name = s[(s.LastIndexOf('/') + 1)..];
            Assert.StartsWith(".", name, StringComparison.Ordinal);
            Assert.True(StageNames.IsControlName(name));
        });
    }

    [Theory]
    [InlineData(".model-sync-stage.bert", true)]
    [InlineData(".model-sync-lock", true)]
    [InlineData(".model-sync-", true)]
    [InlineData(".model-sync", false)]
    [InlineData("model-sync-stage.bert", false)]
    [InlineData(".Model-Sync-stage.bert", false)]
    [InlineData("bert", false)]
    [InlineData(".hidden", false)]
    public void IsControlNameMatchesOnlyThePrefix(string name, bool expected) =>
        Assert.Equal(expected, StageNames.IsControlName(name));
}

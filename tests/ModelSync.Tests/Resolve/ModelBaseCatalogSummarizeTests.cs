using ModelSync.Resolve;
using ModelSync.Versioning;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Resolve;

public sealed class ModelBaseCatalogSummarizeTests
{
    private static DateTimeOffset At(long seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds);

    [Fact]
    public void EntriesAreGroupedByTheirFirstSegment()
    {
        var tree = Tree(
            Dir("bert", Time),
            File("bert/config.pbtxt", 100, Time + 1),
            Dir("bert/1", Time + 2),
            File("bert/1/model.onnx", 5_000, Time + 3),
            Link("bert/current", "1", Time + 4),
            File("gpt.gguf", 2_100_000_000, Time + 50),
            Dir("empty", Time + 60));

        var models = ModelBaseCatalog.Summarize(tree).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

        Assert.Equal(
            [
                new ModelInfo("bert", 5_100, 2, At(Time + 4)),
                new ModelInfo("empty", 0, 0, At(Time + 60)),
                new ModelInfo("gpt.gguf", 2_100_000_000, 1, At(Time + 50)),
            ],
            models);
    }

    [Fact]
    public void NewestMtimeBelowAModelIsItsModifiedTime()
    {
        var tree = Tree(Dir("m", Time + 500), File("m/old", 1, Time), File("m/new", 1, Time + 900));

        Assert.Equal(At(Time + 900), Assert.Single(ModelBaseCatalog.Summarize(tree)).Modified);
    }

    [Theory]
    [InlineData(".model-sync-stage.bert")]
    [InlineData(".model-sync-seed.bert")]
    [InlineData(".model-sync-old.bert")]
    [InlineData(".model-sync-lock")]
    public void ModelSyncControlEntriesAreHidden(string hidden)
    {
        var tree = Tree(Dir("bert"), File("bert/a", 1), Dir(hidden), File(hidden + "/a", 999));

        Assert.Equal(["bert"], ModelBaseCatalog.Summarize(tree).Select(m => m.Name));
    }

    [Theory]
    [InlineData(".hidden_model")]
    [InlineData(".model-sync")]
    [InlineData("model-sync-stage.bert")]
    public void OtherDotEntriesAreListed(string name) =>
        Assert.Equal([name], ModelBaseCatalog.Summarize(Tree(File(name, 1))).Select(m => m.Name));

    [Fact]
    public void EmptyModelBaseHasNoModels() => Assert.Empty(ModelBaseCatalog.Summarize(Tree()));
}

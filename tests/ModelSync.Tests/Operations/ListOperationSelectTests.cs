using ModelSync.Operations;
using ModelSync.Versioning;

namespace ModelSync.Tests.Operations;

public sealed class ListOperationSelectTests
{
    private static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static VersionedModel Entry(string name, long seconds) =>
        new(new ModelInfo(name, 100, 1, Start.AddSeconds(seconds)), NamingPattern.Default.Parse(name));

    private static readonly VersionedModel[] Entries =
    [
        Entry("RTX3090_N2501_LANGDETECTOR_250715", 50),
        Entry("RTX3090_N2501_LANGDETECTOR_MMS_251030", 10),
        Entry("RTX3090_N2501_ASR_250820", 90),
        Entry("A100_N2501_ASR_250901", 30),
        Entry("rtx4090_n2412_asr_250901", 40),
        Entry("langdetector-v1", 5000),
    ];

    private static IEnumerable<string> Names(ListQuery query) => ListOperation.Select(Entries, query).Select(e => e.Name);

    [Fact]
    public void NoQueryKeepsEverythingNewestModificationFirst() =>
        Assert.Equal(
            ["langdetector-v1", "RTX3090_N2501_ASR_250820", "RTX3090_N2501_LANGDETECTOR_250715", "rtx4090_n2412_asr_250901",
                "A100_N2501_ASR_250901", "RTX3090_N2501_LANGDETECTOR_MMS_251030"],
            Names(new ListQuery()));

    [Fact]
    public void ModelFiltersOnTheWholeModelFieldInAnyCase() =>
        Assert.Equal(["RTX3090_N2501_ASR_250820", "rtx4090_n2412_asr_250901", "A100_N2501_ASR_250901"], Names(new ListQuery(Model: "Asr")));

    [Fact]
    public void LatestKeepsTheNewestVersionOfEachModelAndTheNamesThatFollowNoPattern() =>
        Assert.Equal(["langdetector-v1", "RTX3090_N2501_LANGDETECTOR_250715", "A100_N2501_ASR_250901", "RTX3090_N2501_LANGDETECTOR_MMS_251030"],
            Names(new ListQuery(Latest: true)));

    [Fact]
    public void ModelAndLatestTogetherGiveOne() =>
        Assert.Equal(["A100_N2501_ASR_250901"], Names(new ListQuery(Model: "ASR", Latest: true)));

    [Fact]
    public void FilterComesBeforeLatest() =>
        Assert.Equal(["RTX3090_N2501_ASR_250820", "RTX3090_N2501_LANGDETECTOR_250715", "RTX3090_N2501_LANGDETECTOR_MMS_251030"],
            Names(new ListQuery(Filter: "RTX3090", Latest: true)));

    [Theory]
    [InlineData("LANGDETECTOR_*", new[] { "RTX3090_N2501_LANGDETECTOR_MMS_251030" })]
    [InlineData("*_MMS", new[] { "RTX3090_N2501_LANGDETECTOR_MMS_251030" })]
    [InlineData("2509??", new[] { "rtx4090_n2412_asr_250901", "A100_N2501_ASR_250901" })]
    [InlineData("N24*", new[] { "rtx4090_n2412_asr_250901" })]
    [InlineData("a100", new[] { "A100_N2501_ASR_250901" })]
    [InlineData("lang*", new[] { "langdetector-v1", "RTX3090_N2501_LANGDETECTOR_250715", "RTX3090_N2501_LANGDETECTOR_MMS_251030" })]
    [InlineData("RTX3090_*_ASR_*", new[] { "RTX3090_N2501_ASR_250820" })]
    public void FilterMatchesTheWholeNameOrAnyField(string filter, string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), Names(new ListQuery(Filter: filter)).Order(StringComparer.Ordinal));
}

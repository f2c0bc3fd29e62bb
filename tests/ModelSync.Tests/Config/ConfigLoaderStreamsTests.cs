using ModelSync.Config;
using ModelSync.Errors;

namespace ModelSync.Tests.Config;

public sealed class ConfigLoaderStreamsTests
{
    [Theory]
    [InlineData("auto", null)]
    [InlineData("1", 1)]
    [InlineData("4", 4)]
    [InlineData("16", 16)]
    public void StreamsIsAutoOrACount(string value, int? streams)
    {
        Assert.Null(ConfigLoader.Parse("defaults:\n  verify: true\n", "cfg.yaml").Defaults.Streams);
        Assert.Equal(streams, ConfigLoader.Parse($"defaults:\n  streams: {value}\n", "cfg.yaml").Defaults.Streams);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    [InlineData("-2")]
    [InlineData("many")]
    [InlineData("2.5")]
    public void StreamsOutsideOneToSixteenIsRefused(string value)
    {
        var error = Assert.Throws<ModelSyncException>(() => ConfigLoader.Parse($"defaults:\n  streams: {value}\n", "cfg.yaml"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.StartsWith($"config cfg.yaml:2:12: streams: '{value}' is not auto or a number from 1 to 16", error.Message, StringComparison.Ordinal);
    }
}

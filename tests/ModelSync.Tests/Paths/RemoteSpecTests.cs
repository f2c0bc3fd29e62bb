using ModelSync.Errors;
using ModelSync.Paths;

namespace ModelSync.Tests.Paths;

public sealed class RemoteSpecTests
{
    [Theory]
    [InlineData("reaper", "reaper", null)]
    [InlineData("reaper:", "reaper", null)]
    [InlineData("reaper:model_v1", "reaper", "model_v1")]
    [InlineData("reaper:sub/dir", "reaper", "sub/dir")]
    [InlineData("reaper:sub/", "reaper", "sub/")]
    [InlineData("reaper:/abs/path", "reaper", "/abs/path")]
    [InlineData("reaper:a:b", "reaper", "a:b")]
    [InlineData("reaper:모델 v1", "reaper", "모델 v1")]
    [InlineData("local:../x", "local", "../x")]
    public void ParseSplitsAtTheFirstColon(string text, string alias, string? path)
    {
        var spec = RemoteSpec.Parse(text);

        Assert.Equal(alias, spec.Alias);
        Assert.Equal(path, spec.Path);
    }

    [Theory]
    [InlineData("")]
    [InlineData(":")]
    [InlineData(":model")]
    public void ParseRefusesAMissingAlias(string text)
    {
        var error = Assert.Throws<ModelSyncException>(() => RemoteSpec.Parse(text));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Contains("names no server", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reaper", "reaper")]
    [InlineData("reaper:", "reaper")]
    [InlineData("reaper:sub/dir", "reaper:sub/dir")]
    public void ToStringWritesAliasAndPathBack(string text, string expected) =>
        Assert.Equal(expected, RemoteSpec.Parse(text).ToString());
}

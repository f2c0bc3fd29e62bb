using ModelSync.Config;
using ModelSync.Fleet;

namespace ModelSync.Tests.Fleet;

public sealed class VerifyPlacesTests
{
    private static readonly ModelSyncConfig Config = ConfigLoader.Parse(string.Join('\n',
        "servers:", "  reaper:", "    host: r", "    model_base: /m", "  doomfist:", "    host: d", "    model_base: /m", "groups:", "  gpu: [reaper, doomfist]") + "\n", "cfg.yaml");

    /// <summary>The local copy (or "-" for none) and the targets, as one string to compare.</summary>
    private static string Split(string[] words, params string[] existingHere)
    {
        var (local, targets) = VerifyPlaces.Split(Config, words, existingHere.Contains);
        return (local ?? "-") + " | " + string.Join(' ', targets);
    }

    [Theory]
    [InlineData("reaper:ASR@latest")]
    [InlineData("@gpu:ASR")]
    public void OneWordIsAPlaceOnAServer(string word) => Assert.Equal("- | " + word, Split([word]));

    [Fact]
    public void WithMoreTheFirstIsTheLocalCopy() => Assert.Equal("./m | reaper @gpu", Split(["./m", "reaper", "@gpu"]));

    [Theory]
    [InlineData("reaper:m", "doomfist:m")]
    [InlineData("@gpu:m", "reaper:n")]
    public void AFirstWordOnAConfiguredServerOrGroupMakesEveryWordAPlaceOnAServer(string first, string second) =>
        Assert.Equal($"- | {first} {second}", Split([first, second]));

    [Fact]
    public void APathHereThatLooksLikeAServerPlaceIsStillTheLocalCopy() =>
        Assert.Equal("reaper:m | doomfist", Split(["reaper:m", "doomfist"], "reaper:m"));

    [Fact]
    public void AnUnknownAliasBeforeTheColonIsALocalPath() => Assert.Equal("nowhere:m | reaper", Split(["nowhere:m", "reaper"]));
}

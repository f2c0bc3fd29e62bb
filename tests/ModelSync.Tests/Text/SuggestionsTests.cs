using ModelSync.Text;

namespace ModelSync.Tests.Text;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("", "", 0)]
    [InlineData("abc", "", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("host", "host", 0)]
    [InlineData("hots", "host", 1)]
    [InlineData("ab", "ba", 1)]
    [InlineData("defualts", "defaults", 1)]
    [InlineData("model_bas", "model_base", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("reapr", "reaper", 1)]
    [InlineData("abc", "xyz", 3)]
    [InlineData("Host", "host", 1)]
    public void DistanceCountsInsertionsDeletionsSubstitutionsAndTranspositions(string a, string b, int expected)
    {
        Assert.Equal(expected, Suggestions.Distance(a, b));
        Assert.Equal(expected, Suggestions.Distance(b, a));
    }

    [Theory]
    [InlineData("hots", "host")]
    [InlineData("HOST", "host")]
    [InlineData("model_bas", "model_base")]
    [InlineData("modelbase", "model_base")]
    [InlineData("ssh_option", "ssh_options")]
    [InlineData("usr", "user")]
    [InlineData("prot", "port")]
    public void ClosestFindsAPlausibleTypo(string input, string expected) =>
        Assert.Equal(expected, Suggestions.Closest(input, ["host", "user", "port", "model_base", "ssh_key", "ssh_options"]));

    [Theory]
    [InlineData("completely_different")]
    [InlineData("xyz")]
    [InlineData("verbose")]
    public void ClosestIsNullWhenNothingIsClose(string input) =>
        Assert.Null(Suggestions.Closest(input, ["host", "user", "port", "model_base", "ssh_key", "ssh_options"]));

    [Fact]
    public void ClosestOfNoCandidatesIsNull() => Assert.Null(Suggestions.Closest("host", []));

    [Fact]
    public void ClosestPrefersTheFirstOfEquallyCloseCandidates() =>
        Assert.Equal("cat", Suggestions.Closest("bat", ["cat", "hat"]));

    [Fact]
    public void ClosestReturnsTheCandidateSpelledAsConfigured() =>
        Assert.Equal("Reaper", Suggestions.Closest("reapr", ["Reaper", "local"]));
}

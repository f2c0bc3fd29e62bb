using ModelSync.Hashing;

namespace ModelSync.Tests.Hashing;

public sealed class LowerHexTests
{
    [Theory]
    [InlineData("99aa06d3014798d86001c324468d497f", 32, true)]
    [InlineData("0123456789abcdef", 16, true)]
    [InlineData("99AA06D3014798D86001C324468D497F", 32, false)]
    [InlineData("99aa06d3014798d86001c324468d497", 32, false)]
    [InlineData("99aa06d3014798d86001c324468d497f0", 32, false)]
    [InlineData("99aa06d3014798d86001c324468d497g", 32, false)]
    [InlineData(" 9aa06d3014798d86001c324468d497f", 32, false)]
    [InlineData("", 32, false)]
    public void OnlyLowerCaseHexOfTheExactLengthIs(string text, int length, bool expected) =>
        Assert.Equal(expected, LowerHex.Is(text, length));
}

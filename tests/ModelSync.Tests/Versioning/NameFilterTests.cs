using ModelSync.Versioning;

namespace ModelSync.Tests.Versioning;

public sealed class NameFilterTests
{
    [Theory]
    [InlineData("RTX3090_N2501_ASR_250820", "asr", true)]
    [InlineData("RTX3090_N2501_ASR_250820", "ASR", true)]
    [InlineData("RTX3090_N2501_ASR_250820", "rtx3090_n25", true)]
    [InlineData("RTX3090_N2501_ASR_250820", "TTS", false)]
    [InlineData("bert.base", ".", true)]
    [InlineData("bertXbase", "t.b", false)]
    [InlineData("bert.base", "t.b", true)]
    [InlineData("c++model", "c++", true)]
    [InlineData("cmodel", "c+", false)]
    [InlineData("model(v1)", "(v1)", true)]
    [InlineData("model_v1", "(v1)", false)]
    [InlineData("a$b^c", "$b^", true)]
    [InlineData("모델_v1", "모델", true)]
    [InlineData("anything", "", true)]
    public void PlainFilterIsACaseInsensitiveLiteralSubstring(string name, string filter, bool expected) =>
        Assert.Equal(expected, NameFilter.Matches(name, filter));

    [Theory]
    [InlineData("RTX3090_N2501_ASR_250820", "RTX3090_*_ASR_*", true)]
    [InlineData("rtx3090_n2501_asr_250820", "RTX3090_*_ASR_*", true)]
    [InlineData("A100_N2501_ASR_250820", "RTX3090_*_ASR_*", false)]
    [InlineData("RTX3090_N2501_ASR", "*ASR", true)]
    [InlineData("RTX3090_N2501_ASR_x", "*ASR", false)]
    [InlineData("model_v1", "model_v?", true)]
    [InlineData("model_v12", "model_v?", false)]
    [InlineData("model_v", "model_v?", false)]
    [InlineData("ax", "[ab]x", true)]
    [InlineData("bx", "[ab]x", true)]
    [InlineData("cx", "[ab]x", false)]
    [InlineData("Ax", "[ab]x", true)]
    [InlineData("cx", "[!a]x", true)]
    [InlineData("ax", "[!a]x", false)]
    [InlineData("m5", "m[0-9]", true)]
    [InlineData("mx", "m[0-9]", false)]
    [InlineData("bert.v1", "*.v1", true)]
    [InlineData("bertXv1", "*.v1", false)]
    [InlineData("c++model", "c++*", true)]
    [InlineData("cmodel", "c++*", false)]
    [InlineData("ccmodel", "c+*", false)]
    [InlineData("model(v1)", "*(v1)", true)]
    [InlineData("modelv1", "*(v1)", false)]
    [InlineData("a{2}", "a{2}*", true)]
    [InlineData("aa", "a{2}*", false)]
    [InlineData("a|b", "a|*", true)]
    [InlineData("b", "a|*", false)]
    [InlineData("x[y", "x[y*", true)]
    [InlineData("m]", "m[]]", true)]
    [InlineData("모델_v1", "모델_*", true)]
    [InlineData("line\nbreak", "line*", true)]
    [InlineData("model\n", "mode?", false)]
    [InlineData("model\n", "model", true)]
    public void GlobFilterMatchesTheWholeNameWithShellRules(string name, string filter, bool expected) =>
        Assert.Equal(expected, NameFilter.Matches(name, filter));

    [Theory]
    [InlineData("x[]", "x[]")]
    [InlineData("x[!]", "x[!]")]
    public void UnclosableBracketIsLiteralLikeInTheShell(string name, string filter) =>
        Assert.True(NameFilter.Matches(name, filter));

    [Theory]
    [InlineData("mb", "m[z-a]")]
    [InlineData("m-", "m[z-a]")]
    public void ReversedRangeMatchesNothingInsteadOfThrowing(string name, string filter) =>
        Assert.False(NameFilter.Matches(name, filter));

    [Theory]
    [InlineData("*", true)]
    [InlineData("?", true)]
    [InlineData("[", true)]
    [InlineData("a*b", true)]
    [InlineData("plain", false)]
    [InlineData("a.b+c(d)", false)]
    [InlineData("]", false)]
    public void IsGlobWhenItHoldsStarQuestionMarkOrBracket(string filter, bool expected) =>
        Assert.Equal(expected, NameFilter.IsGlob(filter));
}

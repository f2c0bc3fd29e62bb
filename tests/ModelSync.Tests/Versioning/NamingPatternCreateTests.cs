using ModelSync.Versioning;

namespace ModelSync.Tests.Versioning;

public sealed class NamingPatternCreateTests
{
    [Fact]
    public void DefaultPatternHasTheFourFieldsInOrder()
    {
        Assert.Equal("{GPU}_{DATE}_{MODEL}_{VERSION}", NamingPattern.Default.Template);
        Assert.Equal(["GPU", "DATE", "MODEL", "VERSION"], NamingPattern.Default.FieldList.Select(f => f.Name));
        Assert.Equal("[0-9]{6}", NamingPattern.Default.Field("VERSION")?.Regex);
    }

    /// <summary>pattern, a fragment of the message, a fragment of the fix.</summary>
    public static TheoryData<string, string, string> BadPatterns => new()
    {
        { "", "naming.pattern is empty", "fields in braces" },
        { "GPU_DATE_MODEL", "'GPU' is not one {FIELD}", "{GPU}, {DATE}, {MODEL}, {VERSION}" },
        { "{GPU}-{DATE}_{MODEL}", "'{GPU}-{DATE}' is not one {FIELD}", "{GPU}_{DATE}_{MODEL}_{VERSION}" },
        { "{MODEL}__{VERSION}", "'' is not one {FIELD}", "fields:" },
        { "{MODEL}_v{VERSION}", "'v{VERSION}' is not one {FIELD}", "fields:" },
        { "{{MODEL}}", "'{{MODEL}}' is not one {FIELD}", "fields:" },
        { "{GPU}_{VER}_{MODEL}", "unknown field {VER} — did you mean {VERSION}?", "use only {GPU}, {DATE}, {MODEL}, {VERSION}" },
        { "{gpu}_{MODEL}", "unknown field {gpu} — did you mean {GPU}?", "use only" },
        { "{HOST}_{MODEL}", "unknown field {HOST}", "use only" },
        { "{GPU}_{MODEL}_{GPU}", "has {GPU} twice", "each field once" },
        { "{GPU}_{DATE}_{VERSION}", "has no {MODEL}", "add {MODEL}" },
    };

    [Theory]
    [MemberData(nameof(BadPatterns))]
    public void BadPatternIsRefusedWithMessageAndFix(string template, string message, string fix)
    {
        var error = Assert.Throws<NamingPatternException>(() => NamingPattern.Create(template));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Fix, StringComparison.Ordinal);
        Assert.Null(error.Field);
    }

    [Fact]
    public void UnknownFieldNameWithoutCloseMatchHasNoSuggestion()
    {
        var error = Assert.Throws<NamingPatternException>(() => NamingPattern.Create("{ZZZZZZZZ}_{MODEL}"));

        Assert.DoesNotContain("did you mean", error.Message, StringComparison.Ordinal);
    }

    /// <summary>field, its regex, a fragment of the message.</summary>
    public static TheoryData<string, string, string> BadFieldRegexes => new()
    {
        { "VERSION", @"\d{6}(", "naming.fields.VERSION '\\d{6}(' is not a usable regular expression" },
        { "MODEL", "[A-Z", "naming.fields.MODEL '[A-Z'" },
        { "GPU", "(?<x", "naming.fields.GPU" },
        { "DATE", "^$", "matches only an empty value" },
        { "VERSION", @"(\d)\2", "naming.fields.VERSION" },
        { "GPU", "A)(B", "naming.fields.GPU 'A)(B'" },
    };

    [Theory]
    [MemberData(nameof(BadFieldRegexes))]
    public void InvalidFieldRegexNamesTheField(string field, string regex, string message)
    {
        var error = Assert.Throws<NamingPatternException>(() =>
            NamingPattern.Create(NamingPattern.DefaultTemplate, new Dictionary<string, string> { [field] = regex }));

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains("regular expression", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void RegexForAFieldThePatternLacksIsRefused()
    {
        var error = Assert.Throws<NamingPatternException>(() =>
            NamingPattern.Create("{MODEL}_{VERSION}", new Dictionary<string, string> { ["DATE"] = @"N\d{4}" }));

        Assert.Equal("DATE", error.Field);
        Assert.Contains("naming.fields.DATE is set but naming.pattern '{MODEL}_{VERSION}' has no {DATE}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegexForAnUnknownFieldIsRefused()
    {
        var error = Assert.Throws<NamingPatternException>(() =>
            NamingPattern.Create(NamingPattern.DefaultTemplate, new Dictionary<string, string> { ["HOST"] = "x" }));

        Assert.Equal("HOST", error.Field);
    }

    [Theory]
    [InlineData("{MODEL}")]
    [InlineData("{MODEL}_{VERSION}")]
    [InlineData("{VERSION}_{MODEL}_{DATE}_{GPU}")]
    public void AnyOrderAndSubsetWithModelIsAPattern(string template) =>
        Assert.Equal(template, NamingPattern.Create(template).Template);
}

using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Tests.Support;
using ModelSync.Versioning;

namespace ModelSync.Tests.Config;

/// <summary>The <c>naming:</c> section: pattern, per-field expressions, strict.</summary>
[Collection(HomeEnvironment.Name)]
public sealed class ConfigLoaderNamingTests : IDisposable
{
    private readonly TemporaryHome _home = new();

    public void Dispose() => _home.Dispose();

    private static ModelSyncException ParseFails(params string[] lines)
    {
        var error = Assert.Throws<ModelSyncException>(() => ConfigLoader.Parse(Yaml.Lines(lines), Yaml.Source));
        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Fix));
        return error;
    }

    [Fact]
    public void PatternFieldsAndStrictAreRead()
    {
        var config = ConfigLoader.Parse(Yaml.Lines(
            "naming:",
            "  pattern: \"{MODEL}_{GPU}_{VERSION}\"",
            "  fields:",
            "    VERSION: 'v\\d+'",
            "    GPU: '^(RTX3090|A100)$'",
            "  strict: true"), Yaml.Source);

        Assert.True(config.Naming.Strict);
        var pattern = config.Naming.Pattern;
        Assert.Equal("{MODEL}_{GPU}_{VERSION}", pattern.Template);
        Assert.Equal(@"v\d+", pattern.Field("VERSION")?.Regex);
        Assert.Equal("(RTX3090|A100)", pattern.Field("GPU")?.Regex);
        var parsed = pattern.Parse("LANGDETECTOR_MMS_A100_v12");
        Assert.Equal(("LANGDETECTOR_MMS", "A100", "v12"), (parsed?.Model, parsed?.Gpu, parsed?.Version));
        Assert.Null(pattern.Parse("ASR_H100_v1"));
    }

    [Fact]
    public void FieldsAloneKeepTheDefaultPatternAndStrictDefaultsToFalse()
    {
        var config = ConfigLoader.Parse(Yaml.Lines("naming:", "  fields:", "    DATE: 'N\\d{4}'"), Yaml.Source);

        Assert.False(config.Naming.Strict);
        Assert.Equal(NamingPattern.DefaultTemplate, config.Naming.Pattern.Template);
        Assert.NotNull(config.Naming.Pattern.Parse("RTX3090_N2501_ASR_250820"));
        Assert.Null(config.Naming.Pattern.Parse("RTX3090_M2501_ASR_250820"));
    }

    [Fact]
    public void FieldsMayComeBeforeThePattern()
    {
        var config = ConfigLoader.Parse(Yaml.Lines("naming:", "  fields:", "    VERSION: 'v\\d+'", "  pattern: '{MODEL}_{VERSION}'"), Yaml.Source);

        Assert.Equal("v2", config.Naming.Pattern.Parse("ASR_v2")?.Version);
    }

    [Theory]
    [InlineData("naming:\n  strict: yes\n", true)]
    [InlineData("naming:\n  strict: off\n", false)]
    [InlineData("naming:\n  fields:\n", false)]
    public void StrictIsABoolean(string yaml, bool strict) =>
        Assert.Equal(strict, ConfigLoader.Parse(yaml, Yaml.Source).Naming.Strict);

    /// <summary>lines, file:line:column of the culprit, fragments of the message.</summary>
    public static TheoryData<string[], string, string[]> Errors => new()
    {
        { ["naming:", "  pattern: '{GPU}_{VER}_{MODEL}'"], "cfg.yaml:2:12", ["unknown field {VER} — did you mean {VERSION}?"] },
        { ["naming:", "  pattern: '{GPU}_{GPU}_{MODEL}'"], "cfg.yaml:2:12", ["has {GPU} twice"] },
        { ["naming:", "  pattern: 'GPU-MODEL'"], "cfg.yaml:2:12", ["not fields in braces joined by '_'"] },
        { ["naming:", "  pattern: '{GPU}_{VERSION}'"], "cfg.yaml:2:12", ["has no {MODEL}"] },
        { ["naming:", "  pattern: ''"], "cfg.yaml:2:12", ["naming.pattern is empty"] },
        { ["naming:", "  pattern: {GPU}"], "cfg.yaml:2:12", ["naming.pattern must be quoted text"] },
        { ["naming:", "  fields:", "    VERSON: '\\d{6}'"], "cfg.yaml:3:5", ["unknown field 'VERSON' in naming.fields — did you mean 'VERSION'?"] },
        { ["naming:", "  fields:", "    version: '\\d{6}'"], "cfg.yaml:3:5", ["unknown field 'version' in naming.fields — did you mean 'VERSION'?"] },
        { ["naming:", "  fields:", "    VERSION: '\\d{6}('"], "cfg.yaml:3:14", ["naming.fields.VERSION '\\d{6}(' is not a usable regular expression"] },
        { ["naming:", "  pattern: '{MODEL}_{VERSION}'", "  fields:", "    DATE: 'N\\d{4}'"], "cfg.yaml:4:11", ["naming.fields.DATE is set but", "has no {DATE}"] },
        { ["naming:", "  fields:", "    VERSION: ['\\d{6}']"], "cfg.yaml:3:14", ["naming.fields.VERSION must be a single value"] },
        { ["naming:", "  fields: '\\d{6}'"], "cfg.yaml:2:11", ["naming.fields must be a mapping"] },
        { ["naming:", "  strict: maybe"], "cfg.yaml:2:11", ["strict: 'maybe' is not true or false"] },
        { ["naming:", "  strickt: true"], "cfg.yaml:2:3", ["unknown key 'strickt' in naming — did you mean 'strict'?"] },
        { ["naming:", "  field:", "    VERSION: x"], "cfg.yaml:2:3", ["did you mean 'fields'?"] },
        { ["naming: '{GPU}_{MODEL}'"], "cfg.yaml:1:9", ["naming must be a mapping"] },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void NamingErrorsNameTheLocationAndTheProblem(string[] lines, string location, string[] fragments)
    {
        var error = ParseFails(lines);

        Assert.StartsWith($"config {location}: ", error.Message, StringComparison.Ordinal);
        foreach (var fragment in fragments) Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownPatternFieldErrorListsTheFieldsInItsFix() =>
        Assert.Contains("{GPU}, {DATE}, {MODEL}, {VERSION}", ParseFails("naming:", "  pattern: '{HOST}_{MODEL}'").Fix, StringComparison.Ordinal);
}

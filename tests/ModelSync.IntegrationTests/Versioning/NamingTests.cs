using System.Globalization;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Versioning;

/// <summary>The naming convention at push time (a warning, or a refusal when strict) and the <c>name</c> command.</summary>
[Collection("sshd")]
public sealed class NamingTests : SshdTestBase
{
    private readonly VersionLibrary _library;

    public NamingTests(SshdFixture sshd) : base(sshd) => _library = new VersionLibrary(sshd, Id, Work);

    private Task<CliResult> Run(params string[] args) => CliWith(_library.ConfigPath, args);

    private static List<string> Warnings(CliResult result) =>
        result.Stderr.Split('\n').Where(l => l.Contains("warning:", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task PushOfANonConformingNameWarnsOnceOnStderrAndStillSends()
    {
        var source = Tree("langdetector-v2").File("config.pbtxt", "x\n").File("1/model.onnx", "onnx\n");

        var result = await Run("push", "./langdetector-v2", "alpha");

        CliAssert.Exit(result, 0);
        var warning = Assert.Single(Warnings(result));
        Assert.Equal("model-sync: warning: target name 'langdetector-v2' does not follow {GPU}_{DATE}_{MODEL}_{VERSION}: " +
            "it has 1 part separated by '_', the pattern needs 4", warning);
        CliAssert.StdoutLacks(result, "warning");
        TreeComparer.AssertSameTree(source.Root, _library.PathOf("langdetector-v2"));
    }

    [Fact]
    public async Task PushJsonCarriesTheWarningsArray()
    {
        Tree("RTX3090_N2501_ASR_2509").File("a", "a\n");
        Tree("RTX3090_N2501_ASR_250902").File("a", "a\n");

        var bad = await Run("--json", "push", "./RTX3090_N2501_ASR_2509", "alpha");
        CliAssert.Exit(bad, 0);
        Assert.Single(Warnings(bad));
        using (var doc = CliAssert.Json(bad))
        {
            var warning = Assert.Single(doc.RootElement.GetProperty("warnings").EnumerateArray()).GetString();
            Assert.Equal("target name 'RTX3090_N2501_ASR_2509' does not follow {GPU}_{DATE}_{MODEL}_{VERSION}: " +
                "VERSION '2509' is not six digits yymmdd, e.g. 250715", warning);
        }

        var good = await Run("--json", "push", "./RTX3090_N2501_ASR_250902", "alpha");
        CliAssert.Exit(good, 0);
        Assert.Empty(Warnings(good));
        using var goodDoc = CliAssert.Json(good);
        Assert.Empty(goodDoc.RootElement.GetProperty("warnings").EnumerateArray());
    }

    [Fact]
    public async Task TheTargetNameIsWhatIsChecked()
    {
        Tree("scratch").File("a", "a\n");

        var renamed = await Run("push", "./scratch", "alpha:RTX3090_N2511_ASR_261128");
        CliAssert.Exit(renamed, 0);
        Assert.Empty(Warnings(renamed));
        Assert.True(Directory.Exists(_library.PathOf("RTX3090_N2511_ASR_261128")));

        var strictRenamed = await Run("push", "./scratch", "alpha:RTX3090_N2511_ASR_261129", "--strict-naming");
        CliAssert.Exit(strictRenamed, 0);
    }

    [Fact]
    public async Task StrictNamingRefusesBeforeAnythingIsSent()
    {
        Tree("langdetector-v2").File("config.pbtxt", "x\n");
        var before = TreeComparer.Snapshot(_library.Base);

        var result = await Run("push", "./langdetector-v2", "alpha", "--strict-naming");

        CliAssert.Error(result, 2, "target name 'langdetector-v2' does not follow {GPU}_{DATE}_{MODEL}_{VERSION}", "(--strict-naming)", "drop --strict-naming");
        CliAssert.StdoutLacks(result, "## Transfer Progress");
        TreeComparer.AssertUnchanged(before, _library.Base);

        var dryRun = await Run("push", "./langdetector-v2", "alpha", "--strict-naming", "--dry-run");
        CliAssert.Error(dryRun, 2, "does not follow");
    }

    [Fact]
    public async Task NamingStrictInTheConfigRefusesToo()
    {
        Tree("langdetector-v2").File("config.pbtxt", "x\n");
        var before = TreeComparer.Snapshot(_library.Base);
        var config = _library.ConfigWithNaming("strict: true");

        var result = await CliWith(config, "--json", "push", "./langdetector-v2", "alpha");

        CliAssert.JsonError(result, 2, "target name 'langdetector-v2' does not follow", "(naming.strict: true)", "naming.strict: false");
        TreeComparer.AssertUnchanged(before, _library.Base);
    }

    [Fact]
    public async Task PullIsNotCheckedAndHasNoStrictNamingOption()
    {
        var pull = await Run("pull", "alpha:langdetector-v1", "./models/");
        CliAssert.Exit(pull, 0);
        Assert.Empty(Warnings(pull));

        var strict = await Run("pull", "alpha:langdetector-v1", "./models/", "--strict-naming");
        CliAssert.Error(strict, 2, "--strict-naming");
    }

    [Fact]
    public async Task ConfiguredPatternAndFieldsApplyToListAndPush()
    {
        var config = _library.ConfigWithNaming("pattern: '{MODEL}_{VERSION}'", "fields:", "  VERSION: 'v\\d+'");
        Tree("langdetector_v2").File("a", "a\n");

        var push = await CliWith(config, "push", "./langdetector_v2", "alpha");
        CliAssert.Exit(push, 0);
        Assert.Empty(Warnings(push));

        var model = await CliWith(config, "list", "alpha", "--model", "LANGDETECTOR");
        CliAssert.Exit(model, 0);
        CliAssert.StdoutContains(model, "| Name | Model | Version | Size | Modified |", "Total: 1 model");
        Assert.Equal(["langdetector_v2", "langdetector", "v2"], CliAssert.Row(model, "langdetector_v2")[..3]);

        var all = await CliWith(config, "list", "alpha");
        CliAssert.StdoutContains(all, "Total: 9 models", "Note: 8 names (shown with —) do not follow {MODEL}_{VERSION}: ");
    }

    [Fact]
    public async Task NamePrintsAConformingNameThatListReadsBack()
    {
        var name = await CliWith(_library.ConfigPath, "name", "--gpu", "RTX3090", "--date", "N2511", "--model", "WHISPER_LARGE", "--version", "261128");

        CliAssert.Exit(name, 0);
        Assert.Equal("RTX3090_N2511_WHISPER_LARGE_261128\n", name.Stdout);

        Tree(name.Stdout.Trim()).File("a", "a\n");
        var push = await Run("push", "./" + name.Stdout.Trim(), "alpha");
        CliAssert.Exit(push, 0);
        Assert.Empty(Warnings(push));
        var versions = await Run("versions", "alpha", "whisper_large");
        Assert.Equal(["RTX3090_N2511_WHISPER_LARGE_261128", "RTX3090", "N2511", "261128"], CliAssert.Row(versions, "RTX3090_N2511_WHISPER_LARGE_261128")[..4]);
    }

    [Fact]
    public async Task NameVersionDefaultsToTodayAndJsonHasTheFields()
    {
        var before = DateTime.Now.ToString("yyMMdd", CultureInfo.InvariantCulture);
        var result = await Run("--json", "name", "--gpu", "A100", "--date", "N2511", "--model", "ASR");
        var after = DateTime.Now.ToString("yyMMdd", CultureInfo.InvariantCulture);

        CliAssert.Exit(result, 0);
        using var doc = CliAssert.Json(result);
        var version = doc.RootElement.GetProperty("fields").GetProperty("version").GetString();
        Assert.Contains(version, new[] { before, after });
        Assert.Equal($"A100_N2511_ASR_{version}", doc.RootElement.GetProperty("name").GetString());
        Assert.Equal("{GPU}_{DATE}_{MODEL}_{VERSION}", doc.RootElement.GetProperty("pattern").GetString());
    }

    [Theory]
    [InlineData(new[] { "--gpu", "RTX 3090", "--date", "N2511", "--model", "ASR" }, "--gpu 'RTX 3090' is not a valid GPU")]
    [InlineData(new[] { "--gpu", "RTX3090", "--date", "2511", "--model", "ASR" }, "--date '2511' is not a valid DATE")]
    [InlineData(new[] { "--gpu", "RTX3090", "--date", "N2511", "--model", "ASR", "--version", "26112" }, "--version '26112' is not a valid VERSION")]
    [InlineData(new[] { "--gpu", "RTX3090", "--model", "ASR" }, "--date is required")]
    [InlineData(new[] { "--gpu", "RTX3090", "--date", "N2511" }, "--model is required")]
    public async Task NameRefusesInvalidValuesWithOneLine(string[] args, string message)
    {
        var result = await Run(["name", .. args]);

        CliAssert.Error(result, 2, message);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task NameFollowsTheConfiguredPattern()
    {
        var config = _library.ConfigWithNaming("pattern: '{MODEL}_{GPU}'");

        var ok = await CliWith(config, "name", "--model", "ASR", "--gpu", "H100");
        CliAssert.Exit(ok, 0);
        Assert.Equal("ASR_H100\n", ok.Stdout);

        var refused = await CliWith(config, "name", "--model", "ASR", "--gpu", "H100", "--date", "N2511");
        CliAssert.Error(refused, 2, "--date given, but the naming pattern {MODEL}_{GPU} has no {DATE}");
    }

    [Fact]
    public async Task ABadNamingConfigIsAConfigErrorWithItsLocation()
    {
        var config = _library.ConfigWithNaming("pattern: '{GPU}_{MODEL}_{GPU}'");

        var result = await CliWith(config, "list", "alpha");

        CliAssert.Error(result, 2, $"config {config}:", "has {GPU} twice");
    }
}

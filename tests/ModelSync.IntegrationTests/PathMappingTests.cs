using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>How <c>alias[:path]</c> and the local argument map to places, and which paths are refused.</summary>
[Collection("sshd")]
public sealed class PathMappingTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private string Model => "m-" + Id;

    /// <summary>Builds the model directory <c>Work/m-ID</c> and returns its path.</summary>
    private string CreateSource() => Tree(Model).File("w.bin", "weights\n").EmptyFile("empty").Dir("d").Root;

    [Fact]
    public async Task PushToBareAliasLandsDirectlyUnderModelBase()
    {
        var source = CreateSource();
        var result = await CliOk("push", "./" + Model, "alpha");

        var expected = Path.Combine(Sshd.BaseA, Model);
        CliAssert.StdoutContains(result, $"Target: alpha:{expected}\n");
        TreeComparer.AssertSameTree(source, expected);
    }

    [Fact]
    public async Task TrailingSlashOnTheSourceStillNamesTheModelDirectory()
    {
        var source = CreateSource();
        var result = await CliOk("push", $"./{Model}/", $"alpha:ts-{Id}/");

        var expected = Path.Combine(Sshd.BaseA, "ts-" + Id, Model);
        CliAssert.StdoutContains(result, $"Target: alpha:{expected}\n");
        TreeComparer.AssertSameTree(source, expected);
    }

    [Fact]
    public async Task PushToAliasPathRenamesTheModel()
    {
        var source = CreateSource();
        var result = await CliOk("push", "./" + Model, $"alpha:sub-{Id}/dir");

        var expected = Path.Combine(Sshd.BaseA, "sub-" + Id, "dir");
        CliAssert.StdoutContains(result, $"Target: alpha:{expected}\n");
        TreeComparer.AssertSameTree(source, expected);
        Assert.False(Directory.Exists(Path.Combine(expected, Model)), "alias:path must name the model itself, not a directory to put it in");
    }

    [Fact]
    public async Task PushToAliasPathWithTrailingSlashPutsTheModelInside()
    {
        var source = CreateSource();
        var result = await CliOk("push", "./" + Model, $"alpha:sub-{Id}/");

        var expected = Path.Combine(Sshd.BaseA, "sub-" + Id, Model);
        CliAssert.StdoutContains(result, $"Target: alpha:{expected}\n");
        TreeComparer.AssertSameTree(source, expected);
    }

    [Fact]
    public async Task PullIntoDotAndIntoNewDirectoryWithSlash()
    {
        var source = CreateSource();
        await CliOk("push", "./" + Model, $"alpha:pm-{Id}/");

        var dest = Path.Combine(Work, "dest");
        Directory.CreateDirectory(dest);
        var intoDot = await CliRunner.RunAsync(["pull", $"alpha:pm-{Id}/{Model}", "./"], ConfigPath, workingDirectory: dest);
        CliAssert.Exit(intoDot, 0);
        TreeComparer.AssertSameTree(source, Path.Combine(dest, Model));

        var intoX = await CliRunner.RunAsync(["pull", $"alpha:pm-{Id}/{Model}", "./x/"], ConfigPath, workingDirectory: dest);
        CliAssert.Exit(intoX, 0);
        TreeComparer.AssertSameTree(source, Path.Combine(dest, "x", Model));
        Assert.Equal([Model, "x"], Directory.EnumerateFileSystemEntries(dest).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PullToANewNameWithoutSlashUsesThatExactPath()
    {
        var source = CreateSource();
        await CliOk("push", "./" + Model, $"alpha:pn-{Id}/");

        await CliOk("pull", $"alpha:pn-{Id}/{Model}", "./renamed");

        TreeComparer.AssertSameTree(source, Path.Combine(Work, "renamed"));
    }

    [Theory]
    [InlineData("../escape-{0}")]
    [InlineData("sub/../../escape-{0}")]
    public async Task RelativePathClimbingOutOfModelBaseIsRefused(string pathFormat)
    {
        CreateSource();
        var typed = string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, Id);

        var result = await Cli("push", "./" + Model, "alpha:" + typed);

        CliAssert.Error(result, 2, "escapes model_base", Sshd.BaseA);
        Assert.False(Directory.Exists(Path.Combine(Sshd.Root, "escape-" + Id)), "something was written outside model_base");
        Assert.DoesNotContain("## Result", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbsolutePathOutsideModelBaseNeedsOutsideBase()
    {
        var source = CreateSource();
        var outside = Path.Combine(Sshd.Root, "outside-" + Id);

        var refused = await Cli("push", "./" + Model, "alpha:" + outside);
        CliAssert.Error(refused, 2, "outside model_base", "--outside-base");
        Assert.False(Directory.Exists(outside), "refused push still wrote the target");

        var diffRefused = await Cli("diff", "./" + Model, "alpha:" + outside);
        CliAssert.Error(diffRefused, 2, "outside model_base");

        await CliOk("push", "./" + Model, "alpha:" + outside, "--outside-base");
        TreeComparer.AssertSameTree(source, outside);

        var pullRefused = await Cli("pull", "alpha:" + outside, "./back/");
        CliAssert.Error(pullRefused, 2, "outside model_base");
        Assert.False(Directory.Exists(Path.Combine(Work, "back")), "refused pull still wrote locally");
    }

    [Fact]
    public async Task AbsolutePathInsideModelBaseIsAccepted()
    {
        var source = CreateSource();
        var inside = Path.Combine(Sshd.BaseA, "abs-" + Id);

        await CliOk("push", "./" + Model, "alpha:" + inside);

        TreeComparer.AssertSameTree(source, inside);
    }
}

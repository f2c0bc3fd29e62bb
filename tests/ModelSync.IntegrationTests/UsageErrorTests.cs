using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// An unknown option and a @group where one server is needed are named as what they are, caught before any
/// connection: exit 2, one line. Needs no sshd (the aliases point at a port nothing listens on).
/// </summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly TempDirectory _temp = new("ms-it-usage");
    private readonly string _config;

    public UsageErrorTests()
    {
        _config = TestConfig.Write(_temp.Path,
            new AliasSpec("alpha", "/srv/models") { Host = "127.0.0.1", Port = ClosedPort.Get() },
            new AliasSpec("beta", "/srv/models") { Host = "127.0.0.1", Port = ClosedPort.Get() });
        File.AppendAllText(_config, "groups:\n  gpu: [alpha, beta]\n");
        new TreeBuilder(Path.Combine(_temp.Path, "m")).File("w.bin", "w");
    }

    public void Dispose() => _temp.Dispose();

    private Task<CliResult> Cli(params string[] args) => CliRunner.RunAsync(args, _config, workingDirectory: _temp.Path);

    [Theory]
    [InlineData("diff", "--checksun", "--checksum", new[] { "diff", "./m", "alpha", "--checksun" })]
    [InlineData("diff", "--checksun", "--checksum", new[] { "diff", "--checksun", "./m", "alpha" })]
    [InlineData("push", "--dryrun", "--dry-run", new[] { "push", "./m", "alpha", "--dryrun" })]
    [InlineData("verify", "--trust-hashs", "--trust-hashes", new[] { "verify", "./m", "alpha", "--trust-hashs" })]
    [InlineData("list", "--lates", "--latest", new[] { "list", "alpha", "--lates" })]
    [InlineData("servers", "--chek", "--check", new[] { "servers", "--chek" })]
    [InlineData("pull", "--yess", "--yes", new[] { "pull", "--yess", "alpha:m", "./copy" })]
    public async Task UnknownOptionNamesTheCommandAndSuggestsTheClosestOption(string command, string option, string suggestion, string[] args)
    {
        var result = await Cli(args);

        CliAssert.Error(result, 2, $"unknown option '{option}' for {command}", $"did you mean '{suggestion}'?", $"model-sync {command} --help");
        Assert.DoesNotContain("unknown server", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task UnknownOptionFarFromEveryOptionHasNoSuggestion()
    {
        var result = await Cli("diff", "./m", "alpha", "--zzzzzzzzzz");

        var line = CliAssert.Error(result, 2, "unknown option '--zzzzzzzzzz' for diff");
        Assert.DoesNotContain("did you mean", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownOptionWithJsonPrintsOneErrorDocument()
    {
        var result = await Cli("--json", "diff", "./m", "alpha", "--checksun");

        CliAssert.JsonError(result, 2, "unknown option '--checksun' for diff", "did you mean '--checksum'?");
        CliAssert.Error(result, 2, "unknown option '--checksun' for diff");
    }

    [Fact]
    public async Task WordsAfterDoubleDashAreNeverOptions()
    {
        var result = await Cli("diff", "./m", "--", "-alpha");

        CliAssert.Error(result, 2, "unknown server '-alpha'");
    }

    [Fact]
    public async Task ExecPassesOptionsOfTheRemoteCommandOn()
    {
        var result = await Cli("exec", "alpha", "ls", "-la");

        CliAssert.Error(result, 1, "cannot reach");
        Assert.DoesNotContain("unknown option", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pull", new[] { "pull", "@gpu:m", "./copy" })]
    [InlineData("copy", new[] { "copy", "@gpu:m", "alpha" })]
    [InlineData("copy", new[] { "copy", "alpha:m", "@gpu" })]
    [InlineData("versions", new[] { "versions", "@gpu", "ASR" })]
    public async Task GroupWhereOneServerIsAllowedSaysSoAndNamesItsMembers(string command, string[] args)
    {
        var result = await Cli(args);

        CliAssert.Error(result, 2, $"'@gpu' is a group; {command} takes one server — name one of: alpha, beta");
        Assert.DoesNotContain("add it under servers", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupWhereOneServerIsAllowedWithJsonPrintsOneErrorDocument()
    {
        var result = await Cli("--json", "pull", "@gpu:m", "./copy");

        CliAssert.JsonError(result, 2, "'@gpu' is a group; pull takes one server", "name one of: alpha, beta");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("17")]
    [InlineData("lots")]
    public async Task StreamsOutsideOneToSixteenIsRefusedBeforeAnyConnection(string streams)
    {
        var result = await Cli("push", "./m", "alpha", "--streams", streams);

        CliAssert.Error(result, 2, $"--streams {streams} is not auto or a number from 1 to 16", "e.g. --streams 4");
    }
}

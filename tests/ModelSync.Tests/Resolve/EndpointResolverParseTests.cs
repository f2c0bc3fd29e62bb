using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Paths;
using ModelSync.Resolve;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Resolve;

/// <summary>What the resolver refuses before any server is contacted, with the exact texts the CLI prints.</summary>
public sealed class EndpointResolverParseTests
{
    private static readonly ModelSyncConfig Config = new(
        new Dictionary<string, ServerAlias>(StringComparer.Ordinal)
        {
            ["alpha"] = new("alpha", "alpha.internal", null, null, "/models", null, []),
            ["beta"] = new("beta", "beta.internal", null, null, "/models", null, []),
        },
        new Defaults(),
        NamingConvention.Default,
        "cfg.yaml");

    [Theory]
    [InlineData("alpha:m", "alpha", "m")]
    [InlineData("alpha:dir/m", "alpha", "dir/m")]
    [InlineData("alpha:ASR@latest", "alpha", "ASR@latest")]
    [InlineData("alpha:/abs:with:colons", "alpha", "/abs:with:colons")]
    public void AModelToReadIsTheAliasAndEverythingAfterTheFirstColon(string typed, string alias, string path) =>
        Assert.Equal(new RemoteSpec(alias, path), EndpointResolver.ParseModel(typed));

    [Theory]
    [InlineData("alpha")]
    [InlineData("alpha:")]
    public void AReadWithoutAModelSaysHowToNameOne(string typed)
    {
        var error = Assert.Throws<ModelSyncException>(() => EndpointResolver.ParseModel(typed));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal($"'{typed}' names no model", error.Message);
        Assert.Equal("write it as alpha:<model>, e.g. alpha:my_model (see `model-sync list alpha`)", error.Fix);
    }

    [Theory]
    [InlineData(":m")]
    [InlineData("")]
    public void NoAliasIsAUsageError(string typed)
    {
        var error = Assert.Throws<ModelSyncException>(() => EndpointResolver.ParseModel(typed));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal($"'{typed}' names no server", error.Message);
    }

    [Theory]
    [InlineData("alpha", null)]
    [InlineData("alpha:", null)]
    [InlineData("alpha:dir/", "dir/")]
    [InlineData("alpha:RTX3090_N2501_ASR_250820", "RTX3090_N2501_ASR_250820")]
    public void ATargetMayNameADirectoryOrNothing(string typed, string? path) =>
        Assert.Equal(new RemoteSpec("alpha", path), EndpointResolver.ParseTarget(typed, Direction.Push));

    [Fact]
    public void APushToLatestIsRefusedWithTheNameCommand()
    {
        var error = Assert.Throws<ModelSyncException>(() => EndpointResolver.ParseTarget("alpha:ASR@latest", Direction.Push));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal("'alpha:ASR@latest': @latest picks an existing version to read; a push needs the exact name", error.Message);
        Assert.Equal("push to alpha:<name>, e.g. the one `model-sync name --gpu <GPU> --model <MODEL> --date <DATE>` prints", error.Fix);
    }

    [Fact]
    public void ACopyToLatestIsRefusedWithBothWaysToNameTheTarget()
    {
        var error = Assert.Throws<ModelSyncException>(() => EndpointResolver.ParseTarget("beta:ASR@latest", Direction.Copy));

        Assert.Equal("'beta:ASR@latest': @latest picks an existing version to read; a copy needs the exact name", error.Message);
        Assert.Equal("copy to beta or beta:<name>", error.Fix);
    }

    [Fact]
    public void APullNeverWritesToAliasPath() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => EndpointResolver.ParseTarget("alpha:ASR@latest", Direction.Pull));

    [Fact]
    public void AKnownAliasIsParsedWithItsPath() =>
        Assert.Equal(new RemoteSpec("beta", "m"), EndpointResolver.ParseKnown(Config, "beta:m"));

    [Fact]
    public void AnUnknownAliasSuggestsTheClosestAndListsTheKnownOnes()
    {
        var error = Assert.Throws<ModelSyncException>(() => EndpointResolver.ParseKnown(Config, "alpah:m"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal("unknown server 'alpah' — did you mean 'alpha'? (known: alpha, beta)", error.Message);
        Assert.Equal("add it under servers: in cfg.yaml", error.Fix);
    }

    [Fact]
    public void AMissingLocalModelIsNamedAsTyped()
    {
        var error = Assert.Throws<ModelSyncException>(() => EndpointResolver.LocalSource("./no-such-model-" + Guid.NewGuid()));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.StartsWith("local path not found: ./no-such-model-", error.Message, StringComparison.Ordinal);
        Assert.Equal("check the path; run from the directory that holds the model", error.Fix);
    }

    [Fact]
    public void ALocalModelIsAbsoluteWithoutATrailingSlash()
    {
        using var directory = new TempDirectory("ms-resolve");

        Assert.Equal(directory.Path.TrimEnd('/'), EndpointResolver.LocalSource(directory.Path + "/"));
    }

    [Fact]
    public void VerifyingSeveralServersWithoutAModelNamesTheBareOne()
    {
        var error = ResolveErrors.NoModelToVerifyOnEach(new RemoteSpec("beta", null));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal("'beta' names no model to check against its manifest", error.Message);
        Assert.Equal("write beta:<model> (or @group:<model>), or give a local copy first: verify <local> beta", error.Fix);
    }
}

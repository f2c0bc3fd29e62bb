using ModelSync.Config;
using ModelSync.Errors;

namespace ModelSync.Tests.Config;

public sealed class ConfigLoaderDefaultsTests
{
    [Fact]
    public void DefaultsAreVerifyOnCompressAndDeleteOffAndADayForStaleLocks()
    {
        var defaults = ConfigLoader.Parse("servers:\n  nas:\n    model_base: /mnt/nas\n", "cfg.yaml").Defaults;

        Assert.Equal(new Defaults(Verify: true, Compress: false, Delete: false), defaults);
        Assert.Equal(TimeSpan.FromHours(24), defaults.StaleLockAfter);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public void RelaySwitchesFanOutToServerToServerCopies(string value, bool relay)
    {
        Assert.False(ConfigLoader.Parse("defaults:\n  verify: true\n", "cfg.yaml").Defaults.Relay);
        Assert.Equal(relay, ConfigLoader.Parse($"defaults:\n  relay: {value}\n", "cfg.yaml").Defaults.Relay);
    }

    [Theory]
    [InlineData("1", 60)]
    [InlineData("0.5", 30)]
    [InlineData("48", 2880)]
    public void StaleLockHoursSetsWhenALockCountsAsAbandoned(string hours, int minutes)
    {
        var defaults = ConfigLoader.Parse($"defaults:\n  stale_lock_hours: {hours}\n", "cfg.yaml").Defaults;

        Assert.Equal(TimeSpan.FromMinutes(minutes), defaults.StaleLockAfter);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("soon")]
    [InlineData("1e300")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void StaleLockHoursMustBeAPositiveNumber(string hours)
    {
        var error = Assert.Throws<ModelSyncException>(() => ConfigLoader.Parse($"defaults:\n  stale_lock_hours: {hours}\n", "cfg.yaml"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.StartsWith("config cfg.yaml:2:21: stale_lock_hours", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("xxh128")]
    [InlineData("blake3")]
    public void HashNamesTheFunctionVerificationPrefers(string name)
    {
        var defaults = ConfigLoader.Parse($"defaults:\n  hash: {name}\n", "cfg.yaml").Defaults;

        Assert.Equal(name, defaults.Hash.Name);
    }

    [Fact]
    public void HashDefaultsToSha256() =>
        Assert.Equal(ModelSync.Hashing.HashFunction.Sha256, ConfigLoader.Parse("defaults:\n  verify: true\n", "cfg.yaml").Defaults.Hash);

    [Theory]
    [InlineData("md5")]
    [InlineData("SHA256")]
    [InlineData("xxh64")]
    public void HashMustBeOneTheToolKnows(string name)
    {
        var error = Assert.Throws<ModelSyncException>(() => ConfigLoader.Parse($"defaults:\n  hash: {name}\n", "cfg.yaml"));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal($"config cfg.yaml:2:9: hash: '{name}' is not one of sha256, xxh128, blake3", error.Message);
        Assert.Contains("hash: xxh128", error.Fix, StringComparison.Ordinal);
    }
}

using ModelSync.Hashing;
using ModelSync.Verification;

namespace ModelSync.Tests.Verification;

public sealed class HashChoiceTests
{
    private static readonly IReadOnlyList<string> Everything = ["openssl", "sha256sum", "xxhsum", "b3sum"];

    [Theory]
    [InlineData("sha256")]
    [InlineData("xxh128")]
    [InlineData("blake3")]
    public void WhatBothEndsHaveIsUsedWithoutAWarning(string name)
    {
        var wanted = HashFunction.TryParse(name)!;

        var choice = HashChoice.Choose(wanted, [("this machine", Everything), ("reaper", Everything)]);

        Assert.Equal(new HashChoice(wanted, null), choice);
    }

    [Fact]
    public void Sha256IsNeverSecondGuessed() =>
        Assert.Equal(new HashChoice(HashFunction.Sha256, null), HashChoice.Choose(HashFunction.Sha256, [("reaper", [])]));

    [Fact]
    public void AServerWithoutXxhsumFallsBackToSha256NamingIt()
    {
        var choice = HashChoice.Choose(HashFunction.Xxh128, [("this machine", Everything), ("reaper", ["openssl", "b3sum"])]);

        Assert.Equal(HashFunction.Sha256, choice.Function);
        Assert.Equal("xxhsum not found on reaper: hashing with sha256 instead of xxh128 (install the xxhash package there)", choice.Warning);
    }

    [Fact]
    public void BothEndsLackingB3sumAreBothNamed()
    {
        var choice = HashChoice.Choose(HashFunction.Blake3, [("this machine", ["sha256sum"]), ("reaper", ["openssl", "xxhsum"])]);

        Assert.Equal(HashFunction.Sha256, choice.Function);
        Assert.Equal("b3sum not found on this machine and reaper: hashing with sha256 instead of blake3 (install the b3sum package there)", choice.Warning);
    }
}

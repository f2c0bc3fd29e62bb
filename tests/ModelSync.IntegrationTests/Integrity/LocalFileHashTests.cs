using ModelSync.Hashing;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Integrity;

/// <summary>The in-process hashes of a local copy must be the tools' own hex digests, or manifests and caches would disagree.</summary>
public sealed class LocalFileHashTests : IDisposable
{
    private readonly TempDirectory _dir = new("ms-hash");

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1 << 20)]
    [InlineData((3 << 20) + 7)]
    public async Task Sha256AndXxh128MatchOpensslAndXxhsum(int length)
    {
        var path = Path.Combine(_dir.Path, $"f-{length}");
        var bytes = new byte[length];
#pragma warning disable CA5394 // test data, not security
        new Random(length).NextBytes(bytes);
#pragma warning restore CA5394
        await File.WriteAllBytesAsync(path, bytes);

        Assert.Equal(await FirstWordAsync("openssl", "dgst", "-sha256", "-r", path), LocalFileHash.Compute(path, HashFunction.Sha256, CancellationToken.None));
        Assert.Equal(await FirstWordAsync("xxhsum", "-H2", path), LocalFileHash.Compute(path, HashFunction.Xxh128, CancellationToken.None));
        Assert.False(LocalFileHash.Supports(HashFunction.Blake3));
    }

    private static async Task<string> FirstWordAsync(string tool, params string[] args) =>
        (await TestProcess.RunOkAsync(tool, args)).Split(' ', 2)[0];

    public void Dispose() => _dir.Dispose();
}

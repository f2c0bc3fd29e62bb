using ModelSync.Hashing;
using ModelSync.Tests.Support;
using ModelSync.Verification;

namespace ModelSync.Tests.Verification;

public sealed class TreeHasherTests : IDisposable
{
    private const string Root = "/here/m";
    private readonly TempDirectory _cacheDirectory = new("tree-hasher");

    [Fact]
    public async Task ALentHashIsTakenOnlyWhereNeitherTheTrustedHashesNorTheCacheHaveOne()
    {
        await using var here = new MemoryRemote("here", "/here", onThisMachine: true)
            .File(Root + "/a", "A").File(Root + "/b", "B").File(Root + "/c", "C").File(Root + "/d", "D");
        var listing = (await here.ScanAsync(Root, CancellationToken.None))!;
        var cache = new HashCache(_cacheDirectory.Path);
        cache.Store(Root, Root + "/b", listing.Files.Single(f => f.Path == "b"), HashFunction.Sha256, "cached-b");
        var trusted = new Dictionary<string, string> { ["a"] = "trusted-a" };
        var lent = new Dictionary<string, string> { ["a"] = "lent-a", ["b"] = "lent-b", ["c"] = "lent-c" };

        var hashes = await new TreeHasher(cache).HashAsync(here, Root, listing, trusted, lent, HashFunction.Sha256, CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["a"] = "trusted-a", ["b"] = "cached-b", ["c"] = "lent-c", ["d"] = MemoryRemote.HashOf("D") }, hashes.Hashes);
        Assert.Equal((1, 1), (hashes.HashedNow, hashes.Lent));
        Assert.Equal([Root + "/d"], here.Hashed);
    }

    [Fact]
    public async Task ALentHashIsNeverStoredInTheCacheAsIfThisMachineHadReadIt()
    {
        await using var here = new MemoryRemote("here", "/here", onThisMachine: true).File(Root + "/a", "A");
        var listing = (await here.ScanAsync(Root, CancellationToken.None))!;
        var cache = new HashCache(_cacheDirectory.Path);

        await new TreeHasher(cache).HashAsync(here, Root, listing, null, new Dictionary<string, string> { ["a"] = "lent-a" }, HashFunction.Sha256, CancellationToken.None);

        Assert.Null(cache.Lookup(Root, Root + "/a", listing.Files.Single(), HashFunction.Sha256));
    }

    [Fact]
    public async Task AFileDatedInOrAfterTheSecondItsHashingBeganIsNotRememberedInTheCache()
    {
        // A minute ahead rather than this second: the hashing may begin in the next second on a busy machine, which
        // would make a file dated now an old one (and the test fail by the clock, not by the rule).
        var ahead = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 60;
        await using var here = new MemoryRemote("here", "/here", onThisMachine: true).File(Root + "/old", "O").File(Root + "/new", "N", ahead);
        var listing = (await here.ScanAsync(Root, CancellationToken.None))!;
        var cache = new HashCache(_cacheDirectory.Path);

        await new TreeHasher(cache).HashAsync(here, Root, listing, null, HashFunction.Sha256, CancellationToken.None);

        Assert.NotNull(cache.Lookup(Root, Root + "/old", listing.Files.Single(f => f.Path == "old"), HashFunction.Sha256));
        Assert.Null(cache.Lookup(Root, Root + "/new", listing.Files.Single(f => f.Path == "new"), HashFunction.Sha256));
    }

    public void Dispose() => _cacheDirectory.Dispose();
}

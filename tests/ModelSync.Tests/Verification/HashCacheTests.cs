using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Tests.Support;
using ModelSync.Verification;

namespace ModelSync.Tests.Verification;

public sealed class HashCacheTests : IDisposable
{
    private const string S1 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string X1 = "99aa06d3014798d86001c324468d497f";
    private const string B1 = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";
    private readonly TempDirectory _dir = new("ms-cache");
    private static readonly TreeEntry Weights = new("1/model.onnx", EntryKind.File, 100, 1_700_000_000) { Inode = 42, ModifiedExact = "1700000000.123456789" };

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ASavedHashIsFoundAgainByANewCache()
    {
        var cache = new HashCache(_dir.Path);
        cache.Store("/m/a", "/m/a/1/model.onnx", Weights, HashFunction.Sha256, S1);
        cache.Save();

        Assert.Equal(S1, new HashCache(_dir.Path).Lookup("/m/a", "/m/a/1/model.onnx", Weights, HashFunction.Sha256));
    }

    [Fact]
    public void PathsThatAreNotUtf8AreKeptByTheirBytesAcrossASave()
    {
        var ff = PathBytes.Decode([.. "/m/w"u8, 0xff]);
        var fe = PathBytes.Decode([.. "/m/w"u8, 0xfe]);
        var root = PathBytes.Decode([.. "/m"u8, 0xff]);
        var cache = new HashCache(_dir.Path);
        cache.Store("/m", ff, Weights, HashFunction.Sha256, S1);
        cache.Store("/m", fe, Weights, HashFunction.Sha256, new string('f', 64));
        cache.Save();

        var again = new HashCache(_dir.Path);

        Assert.Equal(S1, again.Lookup("/m", ff, Weights, HashFunction.Sha256));
        Assert.Equal(new string('f', 64), again.Lookup("/m", fe, Weights, HashFunction.Sha256));
        Assert.Null(again.Lookup("/m", "/m/w\uFFFD", Weights, HashFunction.Sha256));
        Assert.NotEqual(cache.FileFor(root), cache.FileFor(PathBytes.Decode([.. "/m"u8, 0xfe])));
    }

    [Theory]
    [InlineData(43, 100, "1700000000.123456789")]
    [InlineData(42, 101, "1700000000.123456789")]
    [InlineData(42, 100, "1700000000.123456780")]
    public void AFileRewrittenInAnyWayIsNotFound(long inode, long size, string modified)
    {
        var cache = new HashCache(_dir.Path);
        cache.Store("/m/a", "/m/a/1/model.onnx", Weights, HashFunction.Xxh128, X1);

        Assert.Null(cache.Lookup("/m/a", "/m/a/1/model.onnx", Weights with { Inode = inode, Size = size, ModifiedExact = modified }, HashFunction.Xxh128));
    }

    [Fact]
    public void EachRootHasAFileOfItsOwn()
    {
        var cache = new HashCache(_dir.Path);
        cache.Store("/m/a", "/m/a/w.bin", Weights, HashFunction.Sha256, S1);
        cache.Store("/m/b", "/m/b/w.bin", Weights, HashFunction.Sha256, S1);
        cache.Save();

        Assert.NotEqual(cache.FileFor("/m/a"), cache.FileFor("/m/b"));
        Assert.Single(File.ReadAllLines(cache.FileFor("/m/a")));
        Assert.Single(File.ReadAllLines(cache.FileFor("/m/b")));
    }

    [Fact]
    public void EachFunctionKeepsItsOwnEntryForTheSameFileAcrossASave()
    {
        var cache = new HashCache(_dir.Path);
        cache.Store("/m", "/m/model.onnx", Weights, HashFunction.Sha256, S1);
        cache.Store("/m", "/m/model.onnx", Weights, HashFunction.Xxh128, X1);
        cache.Save();

        var again = new HashCache(_dir.Path);

        Assert.Equal(S1, again.Lookup("/m", "/m/model.onnx", Weights, HashFunction.Sha256));
        Assert.Equal(X1, again.Lookup("/m", "/m/model.onnx", Weights, HashFunction.Xxh128));
        Assert.Null(again.Lookup("/m", "/m/model.onnx", Weights, HashFunction.Blake3));
    }

    [Fact]
    public void ABareHashIsSha256AndUnknownOrMalformedLinesAreSkipped()
    {
        var cache = new HashCache(_dir.Path);
        File.WriteAllLines(cache.FileFor("/m"), [
            $"{S1}\t42\t100\t1700000000.123456789\t/m/model.onnx",
            $"blake3:{B1}\t42\t100\t1700000000.123456789\t/m/model.onnx",
            $"md5:{X1}\t42\t100\t1700000000.123456789\t/m/other",
            $"xxh128:{B1}\t42\t100\t1700000000.123456789\t/m/wrong-length",
            $"sha256:{S1}\t42\t100\t1700000000.123456789\t/m/sha256-is-never-prefixed",
            "not\ta\tcache",
        ]);

        Assert.Equal(S1, cache.Lookup("/m", "/m/model.onnx", Weights, HashFunction.Sha256));
        Assert.Equal(B1, cache.Lookup("/m", "/m/model.onnx", Weights, HashFunction.Blake3));
        foreach (var path in new[] { "/m/other", "/m/wrong-length", "/m/sha256-is-never-prefixed" })
            foreach (var function in HashFunction.All)
                Assert.Null(cache.Lookup("/m", path, Weights with { Path = path }, function));
    }

    [Fact]
    public void ALineWhoseHashIsNotLowerCaseHexIsSkipped()
    {
        var cache = new HashCache(_dir.Path);
        File.WriteAllLines(cache.FileFor("/m"), [
            $"{S1.ToUpperInvariant()}\t42\t100\t1700000000.123456789\t/m/upper",
            $"xxh128:{new string('z', 32)}\t42\t100\t1700000000.123456789\t/m/not-hex",
        ]);

        Assert.Null(cache.Lookup("/m", "/m/upper", Weights with { Path = "/m/upper" }, HashFunction.Sha256));
        Assert.Null(cache.Lookup("/m", "/m/not-hex", Weights with { Path = "/m/not-hex" }, HashFunction.Xxh128));
    }

    [Fact]
    public void ACacheFileLargerThanTheLimitIsNotReadAtAll()
    {
        var cache = new HashCache(_dir.Path);
        using (var file = new FileStream(cache.FileFor("/m"), FileMode.Create))
        {
            file.Write(System.Text.Encoding.UTF8.GetBytes($"{S1}\t42\t100\t1700000000.123456789\t/m/model.onnx\n"));
            file.SetLength(HashCache.MaxFileBytes + 1); // sparse: no disk space, one endless line of NULs
        }

        Assert.Null(cache.Lookup("/m", "/m/model.onnx", Weights, HashFunction.Sha256));
    }

    [Fact]
    public void NothingIsWrittenWhenNothingWasAdded()
    {
        var cache = new HashCache(_dir.Path);
        Assert.Null(cache.Lookup("/m/a", "/m/a/1/model.onnx", Weights, HashFunction.Sha256));
        cache.Save();

        Assert.Empty(Directory.EnumerateFiles(_dir.Path));
    }
}

using ModelSync.Manifests;
using ModelSync.Verification;

namespace ModelSync.Tests.Verification;

public sealed class HashCacheTests : IDisposable
{
    private const string Hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ms-cache-");
    private static readonly TreeEntry Weights = new("1/model.onnx", EntryKind.File, 100, 1_700_000_000) { Inode = 42, ModifiedExact = "1700000000.123456789" };

    public void Dispose() => _dir.Delete(recursive: true);

    [Fact]
    public void A_saved_hash_is_found_again_by_a_new_cache()
    {
        var cache = new HashCache(_dir.FullName);
        cache.Store("/m/a", "/m/a/1/model.onnx", Weights, Hash);
        cache.Save();

        Assert.Equal(Hash, new HashCache(_dir.FullName).Lookup("/m/a", "/m/a/1/model.onnx", Weights));
    }

    [Theory]
    [InlineData(43, 100, "1700000000.123456789")]
    [InlineData(42, 101, "1700000000.123456789")]
    [InlineData(42, 100, "1700000000.123456780")]
    public void A_file_rewritten_in_any_way_is_not_found(long inode, long size, string modified)
    {
        var cache = new HashCache(_dir.FullName);
        cache.Store("/m/a", "/m/a/1/model.onnx", Weights, Hash);

        Assert.Null(cache.Lookup("/m/a", "/m/a/1/model.onnx", Weights with { Inode = inode, Size = size, ModifiedExact = modified }));
    }

    [Fact]
    public void Each_root_has_a_file_of_its_own()
    {
        var cache = new HashCache(_dir.FullName);
        cache.Store("/m/a", "/m/a/w.bin", Weights, Hash);
        cache.Store("/m/b", "/m/b/w.bin", Weights, Hash);
        cache.Save();

        Assert.NotEqual(cache.FileFor("/m/a"), cache.FileFor("/m/b"));
        Assert.Single(File.ReadAllLines(cache.FileFor("/m/a")));
        Assert.Single(File.ReadAllLines(cache.FileFor("/m/b")));
    }

    [Fact]
    public void A_damaged_file_means_an_empty_cache_not_an_error()
    {
        var cache = new HashCache(_dir.FullName);
        File.WriteAllText(cache.FileFor("/m/a"), "not\ta\tcache\nxx\n");

        Assert.Null(cache.Lookup("/m/a", "/m/a/1/model.onnx", Weights));
    }

    [Fact]
    public void Nothing_is_written_when_nothing_was_added()
    {
        var cache = new HashCache(_dir.FullName);
        Assert.Null(cache.Lookup("/m/a", "/m/a/1/model.onnx", Weights));
        cache.Save();

        Assert.Empty(_dir.EnumerateFiles());
    }
}

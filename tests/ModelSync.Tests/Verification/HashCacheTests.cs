using ModelSync.Manifests;
using ModelSync.Verification;

namespace ModelSync.Tests.Verification;

public sealed class HashCacheTests : IDisposable
{
    private const string S1 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private const string X1 = "99aa06d3014798d86001c324468d497f";
    private const string B1 = "af1349b9f5f9a1a6a0404dea36dcc9499bcb25c9adc112b7cc9a93cae41f3262";

    private readonly string _directory = Directory.CreateTempSubdirectory("ms-cache-").FullName;

    private string CacheFile => Path.Join(_directory, "hashes.tsv");

    private static readonly TreeEntry Weights = new("model.onnx", EntryKind.File, 20, 1_700_000_000) { Inode = 42, ModifiedExact = "1700000000.123456789" };

    [Fact]
    public void Each_function_keeps_its_own_entry_for_the_same_file_across_a_save()
    {
        var cache = HashCache.Load(CacheFile);
        cache.Store("/m/model.onnx", Weights, HashFunction.Sha256, S1);
        cache.Store("/m/model.onnx", Weights, HashFunction.Xxh128, X1);
        cache.Save();

        var again = HashCache.Load(CacheFile);

        Assert.Equal(S1, again.Lookup("/m/model.onnx", Weights, HashFunction.Sha256));
        Assert.Equal(X1, again.Lookup("/m/model.onnx", Weights, HashFunction.Xxh128));
        Assert.Null(again.Lookup("/m/model.onnx", Weights, HashFunction.Blake3));
    }

    [Fact]
    public void A_bare_hash_is_sha256_as_earlier_versions_wrote_it_and_unknown_or_malformed_lines_are_skipped()
    {
        File.WriteAllLines(CacheFile, [
            $"{S1}\t42\t20\t1700000000.123456789\t/m/model.onnx",
            $"blake3:{B1}\t42\t20\t1700000000.123456789\t/m/model.onnx",
            $"md5:{X1}\t42\t20\t1700000000.123456789\t/m/other",
            $"xxh128:{B1}\t42\t20\t1700000000.123456789\t/m/wrong-length",
            $"sha256:{S1}\t42\t20\t1700000000.123456789\t/m/sha256-is-never-prefixed",
        ]);

        var cache = HashCache.Load(CacheFile);

        Assert.Equal(S1, cache.Lookup("/m/model.onnx", Weights, HashFunction.Sha256));
        Assert.Equal(B1, cache.Lookup("/m/model.onnx", Weights, HashFunction.Blake3));
        foreach (var path in new[] { "/m/other", "/m/wrong-length", "/m/sha256-is-never-prefixed" })
            foreach (var function in HashFunction.All)
                Assert.Null(cache.Lookup(path, Weights with { Path = path }, function));
    }

    [Fact]
    public void A_file_changed_since_is_not_served()
    {
        var cache = HashCache.Load(CacheFile);
        cache.Store("/m/model.onnx", Weights, HashFunction.Xxh128, X1);

        Assert.Null(cache.Lookup("/m/model.onnx", Weights with { ModifiedExact = "1700000001.0" }, HashFunction.Xxh128));
        Assert.Null(cache.Lookup("/m/model.onnx", Weights with { Inode = 43 }, HashFunction.Xxh128));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}

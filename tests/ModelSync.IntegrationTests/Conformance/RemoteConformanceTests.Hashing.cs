using ModelSync.Hashing;
using ModelSync.IntegrationTests.Support;
using ModelSync.Manifests;
using ModelSync.Paths;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>Hashing on the place: every function, hostile and non-UTF-8 names, batches and single files.</summary>
public abstract partial class RemoteConformanceTests
{
    [Fact]
    public async Task HashMatchesSha256ForEveryFileIncludingHostileNames()
    {
        var model = Path.Join(Root, "hashed");
        string[] names = ["plain.bin", "sp ace/a b.txt", "-rf", "new\nline", @"back\slash", "모델.txt", "`id`;x"];
        foreach (var name in names)
        {
            var path = Path.Join(model, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "content of " + name);
        }

        var hashes = await Remote.HashAsync(model, EntryKind.Directory, names, 16, HashFunction.Sha256, CancellationToken.None);
        var some = await Remote.HashAsync(model, EntryKind.Directory, ["-rf", "new\nline"], 1, HashFunction.Sha256, CancellationToken.None);

        Assert.Equal(names.Order(StringComparer.Ordinal), hashes.Keys.Order(StringComparer.Ordinal));
        foreach (var name in names) Assert.Equal(Sha256("content of " + name), hashes[name]);
        Assert.Equal(["-rf", "new\nline"], some.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("xxh128")]
    [InlineData("blake3")]
    public async Task EveryHashFunctionGetsOddNamesRightInBatchesAndOneByOne(string name)
    {
        var function = HashFunction.TryParse(name)!;
        var model = Path.Join(Root, "odd");
        string[] names = ["plain.bin", "sp ace/a  b.txt", "-rf", "--", "new\nline", "trailing\n", "\\lead", @"back\slash", @"two\\", "cr\rhere",
            "tab\there", " lead and trail ", "모델.txt", "`id`;x", "*star", "x  ./y"];
        foreach (var n in names)
        {
            var path = Path.Join(model, n);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "content of " + n);
        }
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var n in names) expected[n] = await ReferenceHashAsync(function, "content of " + n);

        Assert.True(function.AvailableWith(Remote.HashTools), $"the connect probe found {string.Join(", ", Remote.HashTools)}");
        foreach (var batch in new[] { 1, 3, 64 })
            Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal),
                (await Remote.HashAsync(model, EntryKind.Directory, names, batch, function, CancellationToken.None)).OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("xxh128")]
    [InlineData("blake3")]
    public async Task NamesThatAreNotUtf8AreScannedAndHashedByTheirBytes(string name)
    {
        var function = HashFunction.TryParse(name)!;
        var model = Path.Join(Root, "bytes");
        string[] odd = [@"w\xff", @"w\xfe", @"w\xef\xbf\xbd", @"sur\xed\xa0\x80", @"cut\xc3", @"caf\xe9/x\n\x80"];
        foreach (var n in odd) ByteNames.Write(model, ByteNames.Of(n), "content of " + n);
        try
        {
            var tree = await Remote.ScanAsync(model, CancellationToken.None);
            var files = tree!.Files.Select(f => f.Path).ToList();
            Assert.Equal(odd.Select(n => ByteNames.Of(n)).Select(Convert.ToHexString).Order(StringComparer.Ordinal),
                files.Select(f => Convert.ToHexString(PathBytes.Encode(f))).Order(StringComparer.Ordinal));

            var hashes = await Remote.HashAsync(model, EntryKind.Directory, files, 3, function, CancellationToken.None);

            foreach (var n in odd)
                Assert.Equal(await ReferenceHashAsync(function, "content of " + n), hashes[PathBytes.Decode(ByteNames.Of(n))]);
        }
        finally
        {
            ByteNames.Remove(model);
        }
    }

    [Theory]
    [InlineData("xxh128", "6c78e0e3bd51d358d01e758642b85fb8")]
    [InlineData("blake3", "4878ca0425c739fa427f7eda20fe845f6b2e46ba5fe2a14df5b1e32f50603215")]
    public async Task TheFastHashesAreThePublishedValues(string name, string hashOfTest)
    {
        var file = Path.Join(Root, "new\nline");
        File.WriteAllText(file, "test");

        var hashes = await Remote.HashAsync(file, EntryKind.File, [""], 16, HashFunction.TryParse(name)!, CancellationToken.None);

        Assert.Equal(hashOfTest, Assert.Single(hashes).Value);
    }

    [Fact]
    public async Task HashOfASingleFileIsKeyedByTheEmptyPath()
    {
        var file = Path.Join(Root, "one file.onnx");
        File.WriteAllText(file, "weights");

        var hashes = await Remote.HashAsync(file, EntryKind.File, [""], 16, HashFunction.Sha256, CancellationToken.None);

        Assert.Equal(Sha256("weights"), Assert.Single(hashes).Value);
        Assert.Equal("", hashes.Keys.Single());
    }

    /// <summary>The hash of <paramref name="content"/> by the tool itself, from a file with a plain name.</summary>
    private static async Task<string> ReferenceHashAsync(HashFunction function, string content)
    {
        if (function == HashFunction.Sha256) return Sha256(content);
        using var directory = new TempDirectory("ms-ref");
        var file = Path.Join(directory.Path, "content");
        await File.WriteAllTextAsync(file, content);
        var stdout = function == HashFunction.Xxh128 ? await TestProcess.RunOkAsync("xxhsum", "-H2", file) : await TestProcess.RunOkAsync("b3sum", file);
        return stdout.Split(' ')[0];
    }
}

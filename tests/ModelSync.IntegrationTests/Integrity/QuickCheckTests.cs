using System.Security.Cryptography;
using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;
using ModelSync.Verification;

namespace ModelSync.IntegrationTests.Integrity;

/// <summary>
/// rsync's quick check carried over to hashes: with this machine's hash cache empty (a CI runner, another checkout),
/// a local file of the server's size and mtime takes the hash the server's manifest vouches for, unread. Whether a
/// file was read is observed from its content: a local edit that keeps size and mtime is seen only by reading.
/// </summary>
[Collection("sshd")]
public sealed class QuickCheckTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private static readonly DateTime Pushed = DateTime.UnixEpoch.AddSeconds(1_750_000_000);

    private string Model => "quick-" + Id;

    private string Target => Path.Combine(Sshd.BaseA, Model);

    private async Task<TreeBuilder> PushedAsync()
    {
        var tree = Tree(Model).File("config.pbtxt", "name: \"m\"\n").RandomFile("1/model.onnx", 300_000, seed: 1).File("labels.txt", "en\nko\n").SetAllTimes(Pushed);
        await CliOk("push", "./" + Model, "alpha");
        ForgetLocalHashes(tree.Root);
        return tree;
    }

    [Fact]
    public async Task ANoOpPushWithAColdHashCacheReadsNoLocalFileAndChecksumReadsThemAll()
    {
        var tree = await PushedAsync();
        EditKeepingSizeAndMtime(tree.PathOf("1/model.onnx"));

        using (var again = Json(await CliOk("push", "./" + Model, "alpha", "--json")))
        {
            Assert.Equal((0, 0, 3, false), Counts(again));
            Assert.True(again.RootElement.GetProperty("verified").GetBoolean());
        }
        // Had the local file been read, its new content would have been found and sent.
        Assert.NotEqual(Sha256(tree.PathOf("1/model.onnx")), Sha256(Path.Combine(Target, "1", "model.onnx")));

        using var checksum = Json(await CliOk("push", "./" + Model, "alpha", "--checksum", "--json"));
        Assert.Equal((3, 3, 0, true), Counts(checksum));
        Assert.Equal(Sha256(tree.PathOf("1/model.onnx")), Sha256(Path.Combine(Target, "1", "model.onnx")));
    }

    [Fact]
    public async Task AOneFileChangeHashesOnlyThatFileHereAndTheManifestStillListsEveryFile()
    {
        var tree = await PushedAsync();
        tree.File("labels.txt", "en\nko\nja\n");

        using var changed = Json(await CliOk("push", "./" + Model, "alpha", "--json"));

        Assert.Equal((1, 1, 2, true), Counts(changed));
        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Target, ".model-sync-manifest.json")));
        var hashes = manifest.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("hash").GetString());
        Assert.Equal(new Dictionary<string, string?>
        {
            ["1/model.onnx"] = Sha256(tree.PathOf("1/model.onnx")),
            ["config.pbtxt"] = Sha256(tree.PathOf("config.pbtxt")),
            ["labels.txt"] = Sha256(tree.PathOf("labels.txt")),
        }, hashes);
    }

    [Fact]
    public async Task ASizeAndMtimeMatchWithoutAVouchingManifestIsStillHashed()
    {
        var tree = await PushedAsync();
        File.Delete(Path.Combine(Target, ".model-sync-manifest.json"));
        EditKeepingSizeAndMtime(tree.PathOf("1/model.onnx"));

        using var again = Json(await CliOk("push", "./" + Model, "alpha", "--json"));

        Assert.Equal(3, again.RootElement.GetProperty("verification").GetProperty("source_hashed_now").GetInt32());
        Assert.Equal(0, again.RootElement.GetProperty("verification").GetProperty("matched_by_size_and_mtime").GetInt32());
        Assert.Equal(Sha256(tree.PathOf("1/model.onnx")), Sha256(Path.Combine(Target, "1", "model.onnx")));
    }

    [Fact]
    public async Task APullReadsOnlyWhatItWroteHere()
    {
        var tree = await PushedAsync();
        await CliOk("pull", "alpha:" + Model, "./copy/");
        var copy = Path.Combine(Work, "copy", Model);
        // A pull hashes what it wrote in the stage, under the stage's name: the cache would know the files seeded from the copy again.
        ForgetLocalHashes(copy);
        ForgetLocalHashes(ModelSync.Paths.StageNames.Stage(copy));
        EditKeepingSizeAndMtime(Path.Combine(copy, "config.pbtxt"));

        using (var noOp = Json(await CliOk("pull", "alpha:" + Model, "./copy/", "--json")))
            Assert.Equal((0, 0, 3, false), Counts(noOp));
        Assert.NotEqual(Sha256(tree.PathOf("config.pbtxt")), Sha256(Path.Combine(copy, "config.pbtxt")));

        tree.File("labels.txt", "en\nko\nja\n");
        await CliOk("push", "./" + Model, "alpha");
        using (var oneFile = Json(await CliOk("pull", "alpha:" + Model, "./copy/", "--json")))
            Assert.Equal((1, 0, 2, true), Counts(oneFile));
        Assert.Equal("en\nko\nja\n", await File.ReadAllTextAsync(Path.Combine(copy, "labels.txt")));
    }

    [Fact]
    public async Task DiffOfAnUnchangedModelComparesSizesAndMtimesWithoutReadingAByte()
    {
        var tree = await PushedAsync();
        EditKeepingSizeAndMtime(tree.PathOf("1/model.onnx"));

        var diff = await CliOk("diff", "./" + Model, "alpha");
        var checksum = await CliOk("diff", "./" + Model, "alpha", "--checksum");

        CliAssert.StdoutContains(diff, "Summary: 3 same, 0 new, 0 modified, 0 remote-only");
        Assert.Equal("modified", CliAssert.Cell(checksum, "1/model.onnx", "Status"));
    }

    /// <summary>Status of the push as (receiving side hashed, sending side hashed, matched by size and mtime, published).</summary>
    private static (int, int, int, bool) Counts(JsonDocument result)
    {
        var v = result.RootElement.GetProperty("verification");
        return (v.GetProperty("hashed_now").GetInt32(), v.GetProperty("source_hashed_now").GetInt32(),
            v.GetProperty("matched_by_size_and_mtime").GetInt32(), result.RootElement.GetProperty("published").GetBoolean());
    }

    private static JsonDocument Json(CliResult result) => CliAssert.Json(result);

    /// <summary>Empties this machine's hash cache for one tree, as on a machine that never hashed it.</summary>
    private static void ForgetLocalHashes(string root) =>
        File.Delete(new HashCache(Path.Combine(CliRunner.HomeDirectory, ".cache", "model-sync", "hashes")).FileFor(root));

    /// <summary>Other bytes, the same size and the same mtime: only reading the file can tell.</summary>
    private static void EditKeepingSizeAndMtime(string path)
    {
        var mtime = File.GetLastWriteTimeUtc(path);
        var bytes = File.ReadAllBytes(path);
        bytes[^1] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        File.SetLastWriteTimeUtc(path, mtime);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}

using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;
using ModelSync.Verification;

namespace ModelSync.IntegrationTests.Integrity;

/// <summary>The manifest a verified push leaves, and what verify, diff and a re-push make of it.</summary>
[Collection("sshd")]
public sealed class ManifestAndVerifyTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const string Manifest = ".model-sync-manifest.json";

    private string Model => "model-" + Id;

    private string Target => Path.Combine(Sshd.BaseA, Model);

    private async Task<TreeBuilder> PushedAsync()
    {
        var tree = Tree(Model).File("config.pbtxt", "name: \"m\"\n").RandomFile("1/model.onnx", 300_000, seed: 1).File("labels.txt", "en\nko\n");
        await CliOk("push", "./" + Model, "alpha");
        return tree;
    }

    [Fact]
    public async Task AVerifiedPushLeavesAManifestThatListAndDiffDoNotCountAsAModelFile()
    {
        await PushedAsync();

        using var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Target, Manifest)));
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("path").GetString()).ToList();
        Assert.Equal(["1/model.onnx", "config.pbtxt", "labels.txt"], files);
        Assert.Equal("sha256", manifest.RootElement.GetProperty("algorithm").GetString());
        Assert.EndsWith(Model, manifest.RootElement.GetProperty("source_path").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("model-sync ", manifest.RootElement.GetProperty("tool").GetString(), StringComparison.Ordinal);

        var diff = await CliOk("diff", "./" + Model, "alpha");
        CliAssert.StdoutLacks(diff, Manifest);
        CliAssert.StdoutContains(diff, "Summary: 3 same, 0 new, 0 modified, 0 remote-only");
        var list = CliAssert.Json(await CliOk("list", "alpha", "--filter", Model, "--json"));
        Assert.Equal(3, list.RootElement.GetProperty("models")[0].GetProperty("files").GetInt32());
    }

    [Fact]
    public async Task AnUnchangedRePushHashesNothingAndAChangeRefreshesTheManifest()
    {
        var tree = await PushedAsync();

        var again = CliAssert.Json(await CliOk("push", "./" + Model, "alpha", "--json"));
        Assert.Equal(0, again.RootElement.GetProperty("verification").GetProperty("hashed_now").GetInt32());
        Assert.True(again.RootElement.GetProperty("verified").GetBoolean());

        tree.File("labels.txt", "en\nko\nja\n");
        var changed = CliAssert.Json(await CliOk("push", "./" + Model, "alpha", "--json"));
        Assert.Equal(1, changed.RootElement.GetProperty("verification").GetProperty("hashed_now").GetInt32());
        var manifest = await File.ReadAllTextAsync(Path.Combine(Target, Manifest));
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("en\nko\nja\n"u8)), manifest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFlippedByteOnTheServerFailsVerifyAndShowsInChecksumDiff()
    {
        await PushedAsync();
        var onnx = Path.Combine(Target, "1", "model.onnx");
        var mtime = File.GetLastWriteTimeUtc(onnx);
        var bytes = await File.ReadAllBytesAsync(onnx);
        bytes[1234] ^= 0x01;
        await File.WriteAllBytesAsync(onnx, bytes);
        File.SetLastWriteTimeUtc(onnx, mtime.AddSeconds(5)); // an edit a second later at least, as any real one is

        var changedTime = await Cli("verify", "./" + Model, "alpha");
        File.SetLastWriteTimeUtc(onnx, mtime);
        var sameTime = await Cli("verify", "./" + Model, "alpha", "--checksum");
        var againstManifest = await Cli("verify", "alpha:" + Model);
        var diff = await CliOk("diff", "./" + Model, "alpha", "--checksum");

        foreach (var result in new[] { changedTime, sameTime, againstManifest })
        {
            CliAssert.Exit(result, 3);
            Assert.Equal("content differs (sha256)", CliAssert.Cell(result, "1/model.onnx", "Problem"));
            CliAssert.StdoutContains(result, "Result: FAILED — 1 problem");
        }
        Assert.Equal("modified", CliAssert.Cell(diff, "1/model.onnx", "Status"));
    }

    [Fact]
    public async Task VerifyPassesAfterAPushAndReportsMissingAndExtraFiles()
    {
        await PushedAsync();
        CliAssert.StdoutContains(await CliOk("verify", "./" + Model, "alpha"), "Result: OK — all 3 files match");
        CliAssert.StdoutContains(await CliOk("verify", "alpha:" + Model), "Result: OK — all 3 files match");

        File.Delete(Path.Combine(Target, "labels.txt"));
        await File.WriteAllTextAsync(Path.Combine(Target, "stray.bin"), "x");
        var result = await Cli("verify", "./" + Model, "alpha", "--json");

        CliAssert.Exit(result, 3);
        using var json = CliAssert.Json(result);
        var problems = json.RootElement.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("path").GetString(), p.GetProperty("problem").GetString())).ToList();
        Assert.Equal([("labels.txt", "missing on the remote"), ("stray.bin", "only on the remote")], problems);
        Assert.False(json.RootElement.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public async Task VerifyAgainstAManifestThatIsNotThereSaysWhatToDoInstead()
    {
        Directory.CreateDirectory(Path.Combine(Sshd.BaseA, "by-hand-" + Id));
        await File.WriteAllTextAsync(Path.Combine(Sshd.BaseA, "by-hand-" + Id, "w.bin"), "w");

        var result = await Cli("verify", "alpha:by-hand-" + Id);

        CliAssert.Error(result, 1, "has no manifest", "verify <local>");
    }

    [Fact]
    public async Task LocalHashesAreCachedSoAnUnchangedTreeIsNotReadTwice()
    {
        // Dated an hour back: a file written in the second its hashing begins is rightly not remembered (racily clean).
        Tree(Model).File("config.pbtxt", "name: \"m\"\n").RandomFile("1/model.onnx", 300_000, seed: 1).SetAllTimes(DateTime.UtcNow.AddHours(-1));
        await CliOk("push", "./" + Model, "alpha");

        var cache = new HashCache(Path.Combine(CliRunner.HomeDirectory, ".cache", "model-sync", "hashes"));
        var lines = await File.ReadAllLinesAsync(cache.FileFor(Path.Combine(Work, Model)));
        Assert.Contains(lines, l => l.EndsWith(Path.Combine(Work, Model, "1", "model.onnx"), StringComparison.Ordinal));
    }
}

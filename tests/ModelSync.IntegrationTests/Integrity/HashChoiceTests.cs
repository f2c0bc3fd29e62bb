using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;
using ModelSync.Verification;

namespace ModelSync.IntegrationTests.Integrity;

/// <summary>
/// <c>--hash</c> and <c>defaults.hash</c> end to end: xxh128 (xxhsum) and blake3 (b3sum) where both ends have
/// them, named in every report and recorded in the manifest; sha256 with a warning where the server lacks them.
/// </summary>
[Collection("sshd")]
public sealed class HashChoiceTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const string Manifest = ".model-sync-manifest.json";

    private string Model => "model-" + Id;

    private string Target => Path.Combine(Sshd.BaseA, Model);

    /// <summary>Dated an hour back: files written in the second their hashing begins are rightly not cached (racily clean).</summary>
    private TreeBuilder Source() =>
        Tree(Model).File("config.pbtxt", "name: \"m\"\n").RandomFile("1/model.onnx", 300_000, seed: 3).File("odd\nname \\ -x", "odd\n")
            .SetAllTimes(DateTime.UtcNow.AddHours(-1));

    private static string Algorithm(JsonDocument push) => push.RootElement.GetProperty("verification").GetProperty("algorithm").GetString()!;

    private string ManifestAlgorithm() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(Target, Manifest))).RootElement.GetProperty("algorithm").GetString()!;

    [Theory]
    [InlineData("xxh128")]
    [InlineData("blake3")]
    public async Task PushVerifyAndPullUseTheFastHashAndSaySo(string hash)
    {
        var source = Source();

        var push = await CliOk("push", "./" + Model, "alpha", "--hash", hash);
        Assert.Equal($"yes (3 files, {hash})", CliAssert.Cell(push, "Verified", "Value"));
        Assert.Equal(hash, ManifestAlgorithm());
        TreeComparer.AssertSameTree(source.Root, Target);

        var verify = await CliOk("verify", "./" + Model, "alpha", "--hash", hash);
        CliAssert.StdoutContains(verify, $"by {hash}\nRead now: 3 files here, 3 on alpha", "Result: OK — all 3 files match");
        var againstManifest = await CliOk("verify", "alpha:" + Model, "--json");
        using (var json = CliAssert.Json(againstManifest))
        {
            Assert.Equal(hash, json.RootElement.GetProperty("algorithm").GetString());
            Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        }

        var pull = await CliOk("pull", "alpha:" + Model, "./back/", "--hash", hash, "--json");
        using (var json = CliAssert.Json(pull))
        {
            Assert.Equal(hash, Algorithm(json));
            Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
            Assert.Empty(json.RootElement.GetProperty("warnings").EnumerateArray());
        }
        TreeComparer.AssertSameTree(source.Root, Path.Combine(Work, "back", Model));
        var cache = await File.ReadAllLinesAsync(new HashCache(Path.Combine(CliRunner.HomeDirectory, ".cache", "model-sync", "hashes")).FileFor(Path.Combine(Work, Model)));
        Assert.Contains(cache, l => l.StartsWith(hash + ":", StringComparison.Ordinal) && l.EndsWith(Path.Combine(Work, Model, "1", "model.onnx"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task OnlySha256HashesBigFilesWhileRsyncWritesThem()
    {
        var source = Tree(Model).RandomFile("1/model.plan", 33 << 20, seed: 5).File("config.pbtxt", "name: \"m\"\n");
        const string Followed = "hashed on the receiving side as rsync writes them";

        var sha256 = await CliOk("--json", "push", "./" + Model, "alpha:" + Model + "-sha256");
        var xxh128 = await CliOk("--json", "push", "./" + Model, "alpha:" + Model + "-xxh128", "--hash", "xxh128");

        using (var json = CliAssert.Json(sha256)) Assert.EndsWith(Followed, json.RootElement.GetProperty("transport").GetString(), StringComparison.Ordinal);
        using (var json = CliAssert.Json(xxh128))
        {
            Assert.DoesNotContain(Followed, json.RootElement.GetProperty("transport").GetString(), StringComparison.Ordinal);
            Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        }
        TreeComparer.AssertSameTree(source.Root, Target + "-sha256");
        TreeComparer.AssertSameTree(source.Root, Target + "-xxh128");
    }

    [Fact]
    public async Task DefaultsHashInTheConfigIsUsedWithoutTheFlagAndTheFlagOverridesIt()
    {
        Source();
        var config = Sshd.WriteConfig("  hash: blake3\n");

        var push = await CliWith(config, "push", "./" + Model, "alpha", "--json");
        CliAssert.Exit(push, 0);
        using (var json = CliAssert.Json(push)) Assert.Equal("blake3", Algorithm(json));

        var diff = await CliWith(config, "diff", "./" + Model, "alpha", "--checksum", "--hash", "xxh128");
        CliAssert.Exit(diff, 0);
        CliAssert.StdoutContains(diff, "Compared by: xxh128 of content", "Summary: 3 same, 0 new, 0 modified, 0 remote-only");
    }

    [Fact]
    public async Task AManifestOfAnotherHashIsNotTrustedButReplaced()
    {
        Source();
        await CliOk("push", "./" + Model, "alpha");
        Assert.Equal("sha256", ManifestAlgorithm());

        using (var again = CliAssert.Json(await CliOk("push", "./" + Model, "alpha", "--hash", "xxh128", "--json")))
        {
            Assert.Equal("xxh128", Algorithm(again));
            Assert.Equal(3, again.RootElement.GetProperty("verification").GetProperty("hashed_now").GetInt32());
        }
        Assert.Equal("xxh128", ManifestAlgorithm());

        using var third = CliAssert.Json(await CliOk("push", "./" + Model, "alpha", "--hash", "xxh128", "--json"));
        Assert.Equal(0, third.RootElement.GetProperty("verification").GetProperty("hashed_now").GetInt32());
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("xxh128")]
    [InlineData("blake3")]
    public async Task AFlippedByteIsFoundByEveryHash(string hash)
    {
        Source();
        await CliOk("push", "./" + Model, "alpha", "--hash", hash);
        var onnx = Path.Combine(Target, "1", "model.onnx");
        var mtime = File.GetLastWriteTimeUtc(onnx);
        var bytes = await File.ReadAllBytesAsync(onnx);
        bytes[150_000] ^= 0x10;
        await File.WriteAllBytesAsync(onnx, bytes);
        File.SetLastWriteTimeUtc(onnx, mtime);

        var compared = await Cli("verify", "./" + Model, "alpha", "--hash", hash);
        var againstManifest = await Cli("verify", "alpha:" + Model);
        var diff = await CliOk("diff", "./" + Model, "alpha", "--checksum", "--hash", hash);

        foreach (var result in new[] { compared, againstManifest })
        {
            CliAssert.Exit(result, 3);
            Assert.Equal($"content differs ({hash})", CliAssert.Cell(result, "1/model.onnx", "Problem"));
        }
        Assert.Equal("modified", CliAssert.Cell(diff, "1/model.onnx", "Status"));
        CliAssert.StdoutLacks(diff, "| config.pbtxt |"); // unchanged: only counted
    }

    [Theory]
    [InlineData("xxh128", "xxhsum", "xxhash")]
    [InlineData("blake3", "b3sum", "b3sum")]
    public async Task AServerWithoutTheProgramGetsSha256AndAWarning(string hash, string tool, string package)
    {
        var source = Source();
        var bashrc = Path.Combine(Sshd.RemoteHome, ".bashrc");
        var original = File.ReadAllText(bashrc);
        var farm = await PathWithoutAsync(tool);
        try
        {
            await CliOk("push", "./" + Model, "alpha", "--hash", hash);
            File.WriteAllText(bashrc, $"export PATH='{farm}'\n");
            var (_, probe, _) = await Sshd.SshAsync($"command -v {tool} || echo gone");
            Assert.True(probe.Trim() == "gone", $"could not hide {tool} from the remote shell: {probe}");

            var expected = $"{tool} not found on alpha: hashing with sha256 instead of {hash} (install the {package} package there)";
            source.File("config.pbtxt", "name: \"m2\"\n");
            var push = await Cli("push", "./" + Model, "alpha", "--hash", hash, "--json");
            CliAssert.Exit(push, 0);
            Assert.Contains("model-sync: warning: " + expected, push.Stderr, StringComparison.Ordinal);
            using (var json = CliAssert.Json(push))
            {
                Assert.Equal("sha256", Algorithm(json));
                // The other warning is the naming convention's: model-… is not a conforming name.
                Assert.Contains(expected, json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
            }
            Assert.Equal("sha256", ManifestAlgorithm());
            TreeComparer.AssertSameTree(source.Root, Target);

            var verify = await Cli("verify", "./" + Model, "alpha", "--hash", hash);
            CliAssert.Exit(verify, 0);
            CliAssert.StdoutContains(verify, "by sha256");
            Assert.Contains("model-sync: warning: " + expected, verify.Stderr, StringComparison.Ordinal);

            var pull = await Cli("pull", "alpha:" + Model, "./fallback/", "--hash", hash, "--json");
            CliAssert.Exit(pull, 0);
            using (var json = CliAssert.Json(pull))
                Assert.Contains(expected, json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        }
        finally
        {
            File.WriteAllText(bashrc, original);
        }
    }

    [Fact]
    public async Task VerifyAgainstAManifestWhoseProgramTheServerLacksSaysWhatToInstall()
    {
        Source();
        await CliOk("push", "./" + Model, "alpha", "--hash", "xxh128");
        var bashrc = Path.Combine(Sshd.RemoteHome, ".bashrc");
        var original = File.ReadAllText(bashrc);
        var farm = await PathWithoutAsync("xxhsum");
        try
        {
            File.WriteAllText(bashrc, $"export PATH='{farm}'\n");

            var result = await Cli("verify", "alpha:" + Model);

            CliAssert.Error(result, 1, "holds xxh128 hashes, but xxhsum is not installed on alpha", "install the xxhash package there");
        }
        finally
        {
            File.WriteAllText(bashrc, original);
        }
    }

    [Fact]
    public async Task AnUnknownHashIsRefusedBeforeAnythingMoves()
    {
        Source();

        var result = await Cli("push", "./" + Model, "alpha", "--hash", "md5");

        CliAssert.Exit(result, 2);
        Assert.Contains("md5", result.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Target));
    }
}

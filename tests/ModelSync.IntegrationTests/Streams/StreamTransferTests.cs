using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Streams;

/// <summary>
/// Push and pull over parallel streams (each its own ssh connection), with the range threshold lowered so a few MiB
/// are split: what arrives verifies and is published byte for byte, times included, and no range record is left.
/// </summary>
[Collection("sshd")]
public sealed class StreamTransferTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    /// <summary>Files of 2 MiB and more go in ranges of 1 MiB.</summary>
    internal static readonly Dictionary<string, string> SmallRanges = new()
    {
        ["MODEL_SYNC_RANGE_THRESHOLD"] = (2 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["MODEL_SYNC_RANGE_SIZE"] = (1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task AMultiStreamPushAndPullOfFilesInRangesVerifyAndPublishIdentical()
    {
        var name = "streams-" + Id;
        var source = Tree(name)
            .RandomFile("model.bin", 5 * 1024 * 1024 + 123, seed: 1)
            .RandomFile("odd name\nwith -- $(x) 'q'.bin", 3 * 1024 * 1024, seed: 2)
            .RandomFile("sub/dir/exactly.bin", 2 * 1024 * 1024, seed: 3)
            .File("config.json", "{}")
            .EmptyFile("empty")
            .Symlink("latest", "model.bin")
            .Root;
        SetTimes(source);

        var push = await Run(["push", "./" + name, "alpha:" + name, "--streams", "3", "--json"]);

        var onServer = Path.Combine(Sshd.BaseA, name);
        TreeComparer.AssertSameTree(source, onServer);
        AssertSameTimes(source, onServer);
        using (var json = JsonDocument.Parse(push.Stdout))
        {
            Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
            var transport = json.RootElement.GetProperty("transport").GetString()!;
            Assert.StartsWith("3 parallel streams to alpha, each its own ssh connection: 2 files whole in tar (2B), 3 files in 11 byte ranges (10MiB); the rest by rsync over ", transport, StringComparison.Ordinal);
        }
        Assert.False(Directory.Exists(Path.Combine(onServer, ".model-sync-ranges")));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Sshd.BaseA, ".model-sync-*" + name));

        var pull = await Run(["pull", "alpha:" + name, "./back/", "--streams", "2"]);

        TreeComparer.AssertSameTree(source, Path.Combine(Work, "back", name));
        AssertSameTimes(source, Path.Combine(Work, "back", name));
        CliAssert.StdoutContains(pull, "| Transport | 2 parallel streams to alpha, each its own ssh connection: 2 files whole in tar (2B), 3 files in 11 byte ranges (10MiB)",
            "Verified | yes (5 files, sha256");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(Work, "back"), ".model-sync-*"));
    }

    [Fact]
    public async Task ASingleFileModelGoesInRangesToo()
    {
        var file = Tree("single-" + Id).RandomFile("weights.safetensors", 4 * 1024 * 1024 + 7, seed: 4).PathOf("weights.safetensors");
        var name = "single-" + Id + ".safetensors";

        var push = await Run(["push", file, "alpha:" + name, "--streams", "2"]);

        CliAssert.StdoutContains(push, "2 parallel streams to alpha, each its own ssh connection: 1 file in 5 byte ranges (4MiB)", "Verified | yes (1 file");
        Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(Path.Combine(Sshd.BaseA, name)));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Sshd.BaseA, ".model-sync-*" + name));
    }

    [Fact]
    public async Task ASmallModelGoesAsOneTarStreamOverTheSharedConnectionWhenNewAndByRsyncOnceThereUnlessStreamsAreAskedFor()
    {
        var name = "small-" + Id;
        Tree(name).File("config.json", "{}").RandomFile("model.onnx", 100_000, seed: 5).Symlink("latest", "model.onnx");

        var push = await Run(["push", "./" + name, "alpha:" + name]);
        File.WriteAllText(Path.Combine(Work, name, "config.json"), "{\"v\": 2}");
        var update = await Run(["push", "./" + name, "alpha:" + name]);

        CliAssert.StdoutContains(push, "| Transport | tar over ssh", "nothing to delta against, no rsync", "Verified | yes (2 files");
        CliAssert.StdoutContains(update, "| Transport | rsync over ssh", "Verified | yes");
        TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(Sshd.BaseA, name));
        var streamed = await Run(["push", "./" + name, "alpha:" + name + "-s", "--streams", "2"]);
        CliAssert.StdoutContains(streamed, "| Transport | 2 parallel streams to alpha");
    }

    private async Task<CliResult> Run(string[] args)
    {
        var result = await CliRunner.RunAsync(args, ConfigPath, SmallRanges, Work);
        CliAssert.Exit(result, 0);
        return result;
    }

    /// <summary>Times of a second's fraction, as a real checkout has, so a time set to the second would show.</summary>
    private static void SetTimes(string root)
    {
        var when = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234567);
        foreach (var file in new DirectoryInfo(root).EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.LinkTarget is null))
            File.SetLastWriteTimeUtc(file.FullName, when = when.AddMinutes(1));
    }

    private static void AssertSameTimes(string expected, string actual)
    {
        foreach (var file in new DirectoryInfo(expected).EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.LinkTarget is null))
            Assert.Equal(file.LastWriteTimeUtc, File.GetLastWriteTimeUtc(Path.Combine(actual, Path.GetRelativePath(expected, file.FullName))));
    }
}

using System.Globalization;
using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>push then pull through the real CLI and sshd: the tree comes back byte for byte, whatever its names.</summary>
[Collection("sshd")]
public sealed class RoundTripTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task HostileTreePushedAndPulledBackIsIdentical()
    {
        var name = "model-" + Id;
        var source = Path.Combine(Work, name);
        var files = HostileTree.Build(source);
        var remoteStart = await RemoteWorkingDirectoryAsync();

        var push = await CliOk("push", "./" + name, $"alpha:rt-{Id}/");

        var onServer = Path.Combine(Sshd.BaseA, "rt-" + Id, name);
        TreeComparer.AssertSameTree(source, onServer);
        AssertResultReport(push, files);
        CliAssert.StdoutContains(push, $"Target: alpha:{onServer}", "- -rf (", "- 모델 동기화.txt (");
        Assert.True(new FileInfo(Path.Combine(onServer, "link-to-weights")).LinkTarget == "weights.bin", "symlink was not kept as a symlink");

        var pull = await CliOk("pull", $"alpha:rt-{Id}/{name}", "./back/");

        TreeComparer.AssertSameTree(source, Path.Combine(Work, "back", name));
        AssertResultReport(pull, files);
        Assert.Equal([name], Directory.EnumerateFileSystemEntries(Path.Combine(Sshd.BaseA, "rt-" + Id)).Select(Path.GetFileName));
        Assert.Equal([name], Directory.EnumerateFileSystemEntries(Path.Combine(Work, "back")).Select(Path.GetFileName));
        HostileTree.AssertNoMarker(Sshd.Root, Sshd.RemoteHome, Sshd.BaseA, Work, CliRunner.HomeDirectory);
        HostileTree.AssertNoMarkerDirectlyIn(remoteStart);
    }

    [Fact]
    public async Task HostileModelDirectoryNameRoundTrips()
    {
        var name = $"it's a $(touch PWNED) `touch PWNED`; -rf 모델 {Id}";
        var source = Tree(name)
            .File("a b.txt", "a\n")
            .EmptyFile("empty")
            .Symlink("l", "a b.txt")
            .Root;

        var push = await CliOk("push", "./" + name, $"alpha:hn-{Id}/");
        AssertResultReport(push, 2);
        TreeComparer.AssertSameTree(source, Path.Combine(Sshd.BaseA, "hn-" + Id, name));

        await CliOk("pull", $"alpha:hn-{Id}/{name}", "./back/");
        TreeComparer.AssertSameTree(source, Path.Combine(Work, "back", name));

        var diff = await CliOk("diff", "./" + name, $"alpha:hn-{Id}/");
        CliAssert.StdoutContains(diff, "Summary: 3 same, 0 new, 0 modified, 0 remote-only", "In sync: nothing to push.");
        HostileTree.AssertNoMarker(Sshd.RemoteHome, Sshd.BaseA, Work, CliRunner.HomeDirectory);
        HostileTree.AssertNoMarkerDirectlyIn(await RemoteWorkingDirectoryAsync());
    }

    [Fact]
    public async Task JsonPushReportParsesAndDescribesTheTransfer()
    {
        var name = "json-" + Id;
        var files = HostileTree.Build(Path.Combine(Work, name));
        var expectedBytes = TreeComparer.Snapshot(Path.Combine(Work, name)).Values
            .Where(n => n.Kind == NodeKind.File).Sum(n => (long)n.Content!.Length);

        var result = await CliOk("--json", "push", "./" + name, "alpha");

        using var doc = CliAssert.Json(result);
        var root = doc.RootElement;
        Assert.Equal(files, root.GetProperty("files").GetInt32());
        Assert.Equal(expectedBytes, root.GetProperty("bytes").GetInt64());
        Assert.True(root.GetProperty("bytes_sent").GetInt64() >= expectedBytes, $"bytes_sent below the payload\n{result}");
        Assert.True(root.GetProperty("seconds").GetDouble() >= 0, result.ToString());
        Assert.True(root.GetProperty("verified").GetBoolean(), result.ToString());
        Assert.Equal("./" + name, root.GetProperty("source").GetString());
        Assert.Equal($"alpha:{Sshd.BaseA}/{name}", root.GetProperty("target").GetString());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("changes").ValueKind);
        Assert.Contains("model-sync: ", result.Stderr, StringComparison.Ordinal);
        TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(Sshd.BaseA, name));
    }

    [Fact]
    public async Task SingleFileSourceLandsUnderModelBaseAndPullsBack()
    {
        Tree("single").RandomFile("model.onnx", 200_000, seed: 7);
        var single = Path.Combine(Work, "single");

        var push = await CliRunner.RunAsync(["push", "./model.onnx", "alpha"], ConfigPath, workingDirectory: single);

        CliAssert.Exit(push, 0);
        AssertResultReport(push, 1);
        var onServer = Path.Combine(Sshd.BaseA, "model.onnx");
        Assert.True(File.Exists(onServer) && new FileInfo(onServer).LinkTarget is null, $"{onServer} is not a regular file\n{push}");
        TreeComparer.AssertSameTree(Path.Combine(single, "model.onnx"), onServer);

        await CliOk("pull", "alpha:model.onnx", "./back/");
        TreeComparer.AssertSameTree(Path.Combine(single, "model.onnx"), Path.Combine(Work, "back", "model.onnx"));
    }

    [Fact]
    public async Task ASingleFileReachedThroughALinkIsPushedAndPulledAsTheFileItNames()
    {
        // A Hugging Face cache: snapshots/<rev>/model.safetensors -> ../../blobs/<hash>.
        var cache = Tree("hf").RandomFile("blobs/3f2a", 150_000, seed: 11).Symlink("snapshots/main/model.safetensors", "../../blobs/3f2a");
        var name = $"weights-{Id}.safetensors";

        await CliOk("push", cache.PathOf("snapshots/main/model.safetensors"), $"alpha:{name}");
        var onServer = Path.Combine(Sshd.BaseA, name);
        Assert.True(File.Exists(onServer) && new FileInfo(onServer).LinkTarget is null, $"{onServer} is not a regular file");
        TreeComparer.AssertSameTree(cache.PathOf("blobs/3f2a"), onServer);
        await CliOk("push", cache.PathOf("snapshots/main/model.safetensors"), $"local:{name}");
        var local = Path.Combine(Sshd.LocalBase, name);
        Assert.True(File.Exists(local) && new FileInfo(local).LinkTarget is null, $"{local} is not a regular file");
        TreeComparer.AssertSameTree(cache.PathOf("blobs/3f2a"), local);

        File.CreateSymbolicLink(Path.Combine(Sshd.BaseA, $"link-{Id}"), name);
        await CliOk("pull", $"alpha:link-{Id}", "./back/");
        var pulled = Path.Combine(Work, "back", $"link-{Id}");
        Assert.True(new FileInfo(pulled).LinkTarget is null, $"{pulled} is a link");
        TreeComparer.AssertSameTree(cache.PathOf("blobs/3f2a"), pulled);

        // copy's default route, a tar stream relayed through this machine.
        await CliOk("copy", $"alpha:link-{Id}", $"beta:copied-{Id}");
        var copied = Path.Combine(Sshd.BaseB, $"copied-{Id}");
        Assert.True(File.Exists(copied) && new FileInfo(copied).LinkTarget is null, $"{copied} is not a regular file");
        TreeComparer.AssertSameTree(cache.PathOf("blobs/3f2a"), copied);
    }

    private static void AssertResultReport(CliResult result, int files)
    {
        CliAssert.StdoutContains(result, "## Result", "Sync complete");
        Assert.Equal(files.ToString(CultureInfo.InvariantCulture), CliAssert.Cell(result, "Files", "Value"));
        foreach (var metric in new[] { "Size", "Time", "Speed" })
        {
            Assert.False(string.IsNullOrWhiteSpace(CliAssert.Cell(result, metric, "Value")), $"empty {metric}\n{result}");
        }

        CliAssert.StdoutContains(result, "| Verified | yes (");
        Assert.StartsWith($"yes ({files} file", CliAssert.Cell(result, "Verified", "Value"), StringComparison.Ordinal);
    }

    /// <summary>Where a remote command starts (the login user's home): an injected <c>touch</c> would land there.</summary>
    private async Task<string> RemoteWorkingDirectoryAsync()
    {
        var (exitCode, stdout, stderr) = await Sshd.SshAsync("pwd");
        Assert.True(exitCode == 0, stderr);
        return stdout.Trim();
    }
}

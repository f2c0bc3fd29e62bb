using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// Push and pull with both ends on this machine (the fixture's <c>local</c> alias): the kernel copies the planned
/// files into the stage, each is hashed back from the stage, and the rest of the walk (manifest, publish) is the same.
/// </summary>
[Collection("sshd")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LocalCopyTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private static readonly DateTime Then = new(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc);

    private string Target(string name) => Path.Combine(Sshd.LocalBase, "lc-" + Id, name);

    [Fact]
    public async Task AHostileTreeIsCopiedLocallyVerifiedAndPulledBackIdentical()
    {
        var name = "model-" + Id;
        var source = Path.Combine(Work, name);
        var files = HostileTree.Build(source);

        var push = await CliOk("--json", "push", "./" + name, $"local:lc-{Id}/");
        var pull = await CliOk("--json", "pull", $"local:lc-{Id}/{name}", "./back/");

        TreeComparer.AssertSameTree(source, Target(name));
        TreeComparer.AssertSameTree(source, Path.Combine(Work, "back", name));
        foreach (var result in new[] { push, pull })
        {
            using var json = CliAssert.Json(result);
            Assert.Equal("local copy on this machine's file system by the kernel (copy_file_range, no rsync), each file hashed back from the stage as it lands",
                json.RootElement.GetProperty("transport").GetString());
            Assert.True(json.RootElement.GetProperty("verified").GetBoolean(), result.ToString());
            Assert.Equal(files, json.RootElement.GetProperty("verification").GetProperty("hashed_now").GetInt32());
            Assert.Equal(0, json.RootElement.GetProperty("verification").GetProperty("resent").GetInt32());
        }
        Assert.Equal("weights.bin", new FileInfo(Path.Combine(Target(name), "link-to-weights")).LinkTarget);
        Assert.Equal("no such target", new FileInfo(Path.Combine(Target(name), "dangling")).LinkTarget);
        Assert.Equal([name], Directory.EnumerateFileSystemEntries(Path.Combine(Sshd.LocalBase, "lc-" + Id)).Select(Path.GetFileName));
        HostileTree.AssertNoMarker(Sshd.LocalBase, Work, CliRunner.HomeDirectory);
    }

    [Fact]
    public async Task ModesAndMtimesAreKeptAsRsyncKeepsThem()
    {
        var name = "modes-" + Id;
        var tree = Tree(name)
            .File("run.sh", "#!/bin/sh\n")
            .File("secret.key", "k\n")
            .File("private/w.bin", "w\n")
            .RandomFile("big/shard.bin", 40 * 1024 * 1024 + 3, seed: 5); // above the size copied and hashed in chunks
        File.SetUnixFileMode(tree.PathOf("run.sh"), (UnixFileMode)Convert.ToInt32("750", 8));
        File.SetUnixFileMode(tree.PathOf("secret.key"), (UnixFileMode)Convert.ToInt32("400", 8));
        tree.SetAllTimes(Then);
        File.SetUnixFileMode(tree.PathOf("private"), (UnixFileMode)Convert.ToInt32("700", 8));

        // A hash taken back from the copy that disagreed with the tools' would show as a re-sent file.
        foreach (var hash in new[] { "sha256", "xxh128" })
        {
            var push = await CliOk("--json", "push", "./" + name, $"local:lc-{Id}/{hash}/", "--hash", hash);
            using var json = CliAssert.Json(push);
            Assert.Equal(0, json.RootElement.GetProperty("verification").GetProperty("resent").GetInt32());
            Assert.Equal(4, json.RootElement.GetProperty("verification").GetProperty("hashed_now").GetInt32());
        }

        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Sshd.LocalBase, "lc-" + Id, "xxh128", name));
        foreach (var relative in new[] { "", "run.sh", "secret.key", "private", "private/w.bin", "big", "big/shard.bin" })
        {
            // "": the model's root, whose time list dates the model by.
            var (from, to) = (Path.Join(tree.Root, relative), Path.Join(Sshd.LocalBase, "lc-" + Id, "sha256", name, relative));
            Assert.Equal(File.GetUnixFileMode(from), File.GetUnixFileMode(to));
            Assert.Equal(Then, File.GetLastWriteTimeUtc(to));
        }
    }

    [Fact]
    public async Task ADeltaReplacesChangedFilesAndLeavesTheLiveVersionSInodesAlone()
    {
        var name = "delta-" + Id;
        var tree = Tree(name)
            .RandomFile("1/model.plan", 300_000, seed: 1)
            .File("config.pbtxt", "v1\n")
            .File("old.txt", "old\n")
            .SetAllTimes(Then);
        await CliOk("push", "./" + name, $"local:lc-{Id}/");
        // A hard link to the live file: a push that wrote into the stage's seed (a hard link of the live
        // version) instead of replacing it would change what this name reads.
        var kept = Path.Combine(Work, "kept-plan");
        await TestProcess.RunOkAsync("ln", "--", Path.Combine(Target(name), "1", "model.plan"), kept);
        var before = await File.ReadAllBytesAsync(kept);

        tree.RandomFile("1/model.plan", 300_000, seed: 2).File("added.txt", "new\n");
        File.Delete(tree.PathOf("old.txt"));
        var push = await CliOk("--json", "push", "./" + name, $"local:lc-{Id}/", "--delete", "--yes");

        TreeComparer.AssertSameTree(tree.Root, Target(name));
        Assert.Equal(before, await File.ReadAllBytesAsync(kept));
        using var json = CliAssert.Json(push);
        Assert.Equal(300_000 + 4, json.RootElement.GetProperty("bytes_sent").GetInt64());
        Assert.Equal(2, json.RootElement.GetProperty("verification").GetProperty("hashed_now").GetInt32());
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean(), push.ToString());
    }

    [Fact]
    public async Task ACopyThatDisagreesWithTheSourceSHashIsSentOnceMoreThenFailsWithExit3()
    {
        var name = "stale-" + Id;
        var tree = Tree(name).RandomFile("w.bin", 100_000, seed: 7).File("c.txt", "c\n");
        // Written well before the first push, so its hash is remembered (one written in the second it is read is not).
        foreach (var file in new[] { "w.bin", "c.txt" }) File.SetLastWriteTimeUtc(tree.PathOf(file), DateTime.UtcNow.AddHours(-1));
        await CliOk("push", "./" + name, $"local:lc-{Id}/first");
        // Same inode, size and mtime to the nanosecond, other bytes: the hash cache still vouches for the old
        // content, while the copy reads the new one. Verification must catch the disagreement, not publish it.
        var reference = Path.Combine(Work, "times-" + Id);
        await TestProcess.RunOkAsync("touch", "-r", tree.PathOf("w.bin"), "--", reference);
        var bytes = await File.ReadAllBytesAsync(tree.PathOf("w.bin"));
        bytes[500] ^= 0x01;
        await using (var stream = new FileStream(tree.PathOf("w.bin"), FileMode.Open, FileAccess.Write)) await stream.WriteAsync(bytes);
        await TestProcess.RunOkAsync("touch", "-r", reference, "--", tree.PathOf("w.bin"));

        var push = await Cli("--json", "push", "./" + name, $"local:lc-{Id}/second");

        CliAssert.Exit(push, 3);
        using var json = CliAssert.Json(push);
        Assert.Equal(["w.bin"], json.RootElement.GetProperty("verification").GetProperty("mismatched").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(1, json.RootElement.GetProperty("verification").GetProperty("resent").GetInt32());
        Assert.False(json.RootElement.GetProperty("published").GetBoolean());
        Assert.False(Path.Exists(Path.Combine(Sshd.LocalBase, "lc-" + Id, "second", name)), "an unverified copy was published");
    }

    [Fact]
    public async Task WhatAnInterruptedCopyLeftIsClearedAndNeverPublished()
    {
        var name = "partial-" + Id;
        var tree = Tree(name).File("a.txt", "a\n").File("b/c.txt", "c\n");
        var leftover = Path.Combine(Sshd.LocalBase, "lc-" + Id, ".model-sync-partial." + name);
        Directory.CreateDirectory(leftover);
        await File.WriteAllTextAsync(Path.Combine(leftover, "7"), "half a file");

        await CliOk("push", "./" + name, $"local:lc-{Id}/");

        TreeComparer.AssertSameTree(tree.Root, Target(name));
        Assert.False(Directory.Exists(leftover), "the partial directory was left behind");
    }

    [Fact]
    public async Task ASingleFileModelIsCopiedAndABandwidthLimitGoesThroughRsync()
    {
        var file = Tree("single-" + Id).RandomFile("model.onnx", 50_000, seed: 3).PathOf("model.onnx");

        var local = await CliOk("--json", "push", file, $"local:lc-{Id}/one.onnx");
        var limited = await CliOk("--json", "push", file, $"local:lc-{Id}/two.onnx", "--bwlimit", "100000");

        Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(Target("one.onnx")));
        Assert.Equal(await File.ReadAllBytesAsync(file), await File.ReadAllBytesAsync(Target("two.onnx")));
        Assert.StartsWith("local copy", Transport(local), StringComparison.Ordinal);
        Assert.StartsWith("rsync", Transport(limited), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLocalAliasWorksOnAMachineWithoutRsync()
    {
        var name = "norsync-" + Id;
        var tree = Tree(name).File("config.pbtxt", "v1\n").RandomFile("1/model.onnx", 100_000, seed: 4).File("old.txt", "old\n").Symlink("2", "1");
        var path = LocalPathWithout("rsync");
        Assert.False(Path.Exists(Path.Combine(path, "rsync")));
        var env = new Dictionary<string, string> { ["PATH"] = path };
        async Task<CliResult> Run(params string[] args)
        {
            var result = await CliRunner.RunAsync(args, ConfigPath, env, Work);
            CliAssert.Exit(result, 0);
            return result;
        }

        var first = await Run("--json", "push", "./" + name, $"local:lc-{Id}/");
        tree.File("config.pbtxt", "v2\n");
        File.Delete(tree.PathOf("old.txt"));
        await Run("push", "./" + name, $"local:lc-{Id}/", "--delete", "--dry-run");
        await Run("push", "./" + name, $"local:lc-{Id}/", "--delete", "--yes");
        await Run("pull", $"local:lc-{Id}/{name}", "./back/");
        await Run("diff", "./" + name, $"local:lc-{Id}/");
        await Run("verify", "./" + name, $"local:lc-{Id}/");
        await Run("list", "local");

        Assert.StartsWith("local copy", Transport(first), StringComparison.Ordinal);
        TreeComparer.AssertSameTree(tree.Root, Target(name));
        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Work, "back", name));
        // Only a bandwidth limit needs rsync here; without it that says so in one line.
        var limited = await CliRunner.RunAsync(["push", "./" + name, $"local:lc-{Id}/limited", "--bwlimit", "1000"], ConfigPath, env, Work);
        CliAssert.Error(limited, 1, "rsync is not installed on this machine");
    }

    [Fact]
    public async Task LinksToDirectoriesAndFilesAreCopiedAsLinksOnTheFirstRunAndOnReruns()
    {
        var name = "links-" + Id;
        var outside = Path.Combine(Work, "outside");
        Directory.CreateDirectory(outside);
        var tree = Tree(name)
            .File("config.pbtxt", "c\n").File("1/model.onnx", "w1\n").File("3/model.onnx", "w3\n")
            .Symlink("2", "1") // Triton: version 2 serves version 1's files
            .Symlink("here", ".")
            .Symlink("up", "..")
            .Symlink("abs", outside)
            .Symlink("1/again", "../1")
            .Symlink("cfg", "config.pbtxt");

        await CliOk("push", "./" + name, $"local:lc-{Id}/");
        TreeComparer.AssertSameTree(tree.Root, Target(name));
        await CliOk("push", "./" + name, $"local:lc-{Id}/");

        // Every kind of change a link can go through: another directory, another file, a link that becomes a
        // directory, a directory that becomes a link (those two remove what was there, so they need --delete --yes).
        foreach (var link in new[] { "2", "cfg", "here" }) File.Delete(tree.PathOf(link));
        Directory.Delete(tree.PathOf("3"), recursive: true);
        tree.Symlink("2", "3").Symlink("3", "1").Symlink("cfg", "1/model.onnx").File("here/x.txt", "x\n");
        var push = await CliOk("--json", "push", "./" + name, $"local:lc-{Id}/", "--delete", "--yes");
        await CliOk("pull", $"local:lc-{Id}/{name}", "./back/");
        await CliOk("pull", $"local:lc-{Id}/{name}", "./back/");

        TreeComparer.AssertSameTree(tree.Root, Target(name));
        TreeComparer.AssertSameTree(tree.Root, Path.Combine(Work, "back", name));
        using (var json = CliAssert.Json(push)) Assert.True(json.RootElement.GetProperty("verified").GetBoolean(), push.ToString());
        Assert.Empty(Directory.EnumerateFileSystemEntries(outside));
        await CliOk("verify", "./" + name, $"local:lc-{Id}/");
        CliAssert.StdoutContains(await CliOk("diff", "./" + name, $"local:lc-{Id}/"), "In sync");
    }

    private static string? Transport(CliResult result)
    {
        using var json = CliAssert.Json(result);
        return json.RootElement.GetProperty("transport").GetString();
    }
}

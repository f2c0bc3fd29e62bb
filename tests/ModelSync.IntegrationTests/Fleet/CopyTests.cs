using System.Runtime.Versioning;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;
using ModelSync.Text;

namespace ModelSync.IntegrationTests.Fleet;

/// <summary><c>copy</c> between two real servers: relayed through this machine, and sent directly by the source.</summary>
[Collection("two-sshd")]
[SupportedOSPlatform("linux")]
public sealed class CopyTests(TwoServersFixture servers) : TwoServerTestBase(servers)
{
    [Fact]
    public async Task RelayCopiesAHostileTreeThenSendsOnlyWhatChangedWithoutTouchingTheLiveCopy()
    {
        var config = Config();
        var name = "m-" + Id;
        var source = Path.Combine(Work, name);
        var files = HostileTree.Build(source);
        await CliOk(config, "push", "./" + name, "reaper");

        var first = await CliOk(config, "copy", $"reaper:{name}", "doomfist");

        var onDoomfist = Path.Combine(DoomfistBase, name);
        TreeComparer.AssertSameTree(source, onDoomfist);
        CliAssert.StdoutContains(first, "Copying from reaper (127.0.0.1) to doomfist (127.0.0.1)...", $"Target: doomfist:{onDoomfist}",
            $"| Verified | yes ({files} files, sha256", "| Transport | relay via this machine", "Sync complete");
        Assert.True(File.Exists(Path.Combine(onDoomfist, ".model-sync-manifest.json")), "a verified copy leaves a manifest at the target");

        // Another name for the live file: a copy that wrote into the stage's hard link would change it.
        var keep = Path.Combine(Work, "keep");
        await TestProcess.RunOkAsync("ln", Path.Combine(onDoomfist, "config.json"), keep);
        File.WriteAllText(Path.Combine(source, "config.json"), "{\"layers\": 24}\n");
        await CliOk(config, "push", "./" + name, "reaper");

        var second = await CliOk(config, "--json", "copy", $"reaper:{name}", "doomfist");

        JsonSchemas.Valid(second, JsonSchemas.FileFor("copy"));
        using var json = CliAssert.Json(second);
        var root = json.RootElement;
        Assert.Equal("copy", root.GetProperty("command").GetString());
        Assert.Equal(["config.json"], root.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()));
        Assert.True(root.GetProperty("bytes_sent").GetInt64() < 32 * 1024, $"only the changed file should travel\n{second}");
        Assert.True(root.GetProperty("verified").GetBoolean(), second.ToString());
        TreeComparer.AssertSameTree(source, onDoomfist);
        Assert.Equal("{\"layers\": 12}\n", File.ReadAllText(keep));
        HostileTree.AssertNoMarker(Reaper.RemoteHome, Doomfist.RemoteHome, ReaperBase, DoomfistBase, Work);
    }

    [Fact]
    public async Task ACopyOntoAVersionLinkIsRefusedAndReplaceLinkReplacesOnlyTheLink()
    {
        var config = Config();
        var name = "m-" + Id;
        var source = Tree(name).File("config.pbtxt", "v4").File("1/model.onnx", "weights v4").Root;
        await CliOk(config, "push", "./" + name, "reaper");
        var shelf = Path.Combine(DoomfistBase, "shelf-" + Id);
        var v3 = new TreeBuilder(Path.Combine(shelf, "v3")).File("config.pbtxt", "v3").File("only-v3.txt", "v3").Root;
        var v3Before = TreeComparer.Snapshot(v3);
        var current = Path.Combine(shelf, "current");
        File.CreateSymbolicLink(current, "v3");

        var refused = await Cli(config, "copy", $"reaper:{name}", $"doomfist:shelf-{Id}/current", "--delete", "--yes");
        CliAssert.Error(refused, 2, "current is a symlink", v3, "--replace-link");
        Assert.Equal("v3", new FileInfo(current).LinkTarget);

        await CliOk(config, "copy", $"reaper:{name}", $"doomfist:shelf-{Id}/current", "--delete", "--yes", "--replace-link");
        Assert.Null(new FileInfo(current).LinkTarget);
        TreeComparer.AssertSameTree(source, current);
        TreeComparer.AssertUnchanged(v3Before, v3);
    }

    [Fact]
    public async Task RelayCopiesBackTheOtherWayIntoADirectoryWithDelete()
    {
        var config = Config();
        var name = "back-" + Id;
        var source = Tree(name).File("config.pbtxt", "name: \"m\"\n").RandomFile("1/model.onnx", 300_000, seed: 3).Symlink("latest", "1").Root;
        await CliOk(config, "push", "./" + name, "doomfist");
        Directory.CreateDirectory(Path.Combine(ReaperBase, "into-" + Id, name, "stale dir"));
        File.WriteAllText(Path.Combine(ReaperBase, "into-" + Id, name, "stale dir", "old.bin"), "old");

        var result = await CliOk(config, "copy", $"doomfist:{name}", $"reaper:into-{Id}/", "--delete", "--yes");

        TreeComparer.AssertSameTree(source, Path.Combine(ReaperBase, "into-" + Id, name));
        CliAssert.StdoutContains(result, "| Transport | relay via this machine (tar streamed from doomfist to reaper", "- 1/model.onnx (");
    }

    [Fact]
    public async Task ASingleFileModelIsCopiedByRelayAndDirectAndReplacedWhenItChanges()
    {
        var config = Config(doomfist: DirectAccess(Doomfist));
        var name = $"model-{Id}.onnx";
        var file = Path.Combine(Tree("src").RandomFile(name, 120_000, seed: 7).Root, name);
        await CliOk(config, "push", "./src/" + name, "reaper");

        var relay = await CliOk(config, "copy", $"reaper:{name}", $"doomfist:relay-{Id}.onnx");
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(DoomfistBase, $"relay-{Id}.onnx")));
        CliAssert.StdoutContains(relay, "| Verified | yes (1 file, sha256", "| Transport | relay via this machine");

        new TreeBuilder(Path.Combine(Work, "src")).RandomFile(name, 90_000, seed: 8);
        await CliOk(config, "push", "./src/" + name, "reaper");
        await CliOk(config, "copy", $"reaper:{name}", $"doomfist:relay-{Id}.onnx");
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(DoomfistBase, $"relay-{Id}.onnx")));

        var direct = await CliOk(config, "copy", $"reaper:{name}", $"doomfist:direct-{Id}.onnx", "--direct");
        Assert.Equal(File.ReadAllBytes(file), File.ReadAllBytes(Path.Combine(DoomfistBase, $"direct-{Id}.onnx")));
        CliAssert.StdoutContains(direct, "| Transport | direct reaper → doomfist");
        Assert.Empty(Directory.EnumerateFileSystemEntries(DoomfistBase, $".model-sync-*{Id}*"));
    }

    [Fact]
    public async Task DirectCopiesBothWaysWithTheServersOwnKeysAndSendsOnlyTheChange()
    {
        var config = Config(reaper: DirectAccess(Reaper), doomfist: DirectAccess(Doomfist));
        var name = "d-" + Id;
        var source = Tree(name).File("config.pbtxt", "v1\n").RandomFile("1/model.onnx", 200_000, seed: 4).File("odd 'name' $(x).txt", "odd\n").Root;
        await CliOk(config, "push", "./" + name, "reaper");

        var there = await CliOk(config, "copy", $"reaper:{name}", "doomfist", "--direct");

        TreeComparer.AssertSameTree(source, Path.Combine(DoomfistBase, name));
        CliAssert.StdoutContains(there, "| Transport | direct reaper → doomfist (rsync run on reaper", "| Verified | yes (3 files, sha256");

        File.WriteAllText(Path.Combine(source, "config.pbtxt"), "v2, longer\n");
        await CliOk(config, "push", "./" + name, "reaper");
        var delta = await CliOk(config, "--json", "copy", $"reaper:{name}", "doomfist", "--direct");
        using (var json = CliAssert.Json(delta))
        {
            Assert.Equal(["config.pbtxt"], json.RootElement.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("path").GetString()));
            Assert.True(json.RootElement.GetProperty("bytes_sent").GetInt64() < 20_000, delta.ToString());
        }
        TreeComparer.AssertSameTree(source, Path.Combine(DoomfistBase, name));

        var back = await CliOk(config, "copy", $"doomfist:{name}", $"reaper:back-{Id}", "--direct");

        TreeComparer.AssertSameTree(source, Path.Combine(ReaperBase, "back-" + Id));
        CliAssert.StdoutContains(back, "| Transport | direct doomfist → reaper");
    }

    [Theory]
    [InlineData("relay")]
    [InlineData("direct")]
    public async Task CopyKeepsTheModelRootsMtimeAsPushDoes(string route)
    {
        var config = Config(reaper: DirectAccess(Reaper), doomfist: DirectAccess(Doomfist));
        var name = "mt-" + route + "-" + Id;
        var source = Tree(name).File("config.pbtxt", "v1\n").File("1/model.onnx", "w").Root;
        var then = new DateTime(2024, 5, 17, 8, 30, 0, DateTimeKind.Utc);
        Directory.SetLastWriteTimeUtc(Path.Combine(source, "1"), then.AddHours(1));
        Directory.SetLastWriteTimeUtc(source, then);
        await CliOk(config, "push", "./" + name, "reaper");
        Assert.Equal(then, Directory.GetLastWriteTimeUtc(Path.Combine(ReaperBase, name)));

        await CliOk(config, route == "direct" ? ["copy", $"reaper:{name}", "doomfist", "--direct"] : ["copy", $"reaper:{name}", "doomfist"]);

        var copy = Path.Combine(DoomfistBase, name);
        Assert.Equal((then, then.AddHours(1)), (Directory.GetLastWriteTimeUtc(copy), Directory.GetLastWriteTimeUtc(Path.Combine(copy, "1"))));
        TreeComparer.AssertSameTree(source, copy);

        // An update goes into a stage seeded from the live copy: the root still ends with the source's time.
        await File.WriteAllTextAsync(Path.Combine(source, "labels.txt"), "new\n");
        Directory.SetLastWriteTimeUtc(source, then.AddDays(1));
        await CliOk(config, "push", "./" + name, "reaper");
        await CliOk(config, route == "direct" ? ["copy", $"reaper:{name}", "doomfist", "--direct"] : ["copy", $"reaper:{name}", "doomfist"]);

        Assert.Equal(then.AddDays(1), Directory.GetLastWriteTimeUtc(copy));
        TreeComparer.AssertSameTree(source, copy);
    }

    [Fact]
    public async Task DirectCopyWithCompressSendsWeightsUncompressed()
    {
        const int Size = 2 << 20;
        var config = Config(reaper: DirectAccess(Reaper), doomfist: DirectAccess(Doomfist));
        var name = "cz-" + Id;
        var source = Tree(name).File("1/model.onnx", new byte[Size]).File("config.pbtxt", "v1\n").Root;
        await CliOk(config, "push", "./" + name, "reaper");

        var copy = await CliOk(config, "--json", "copy", $"reaper:{name}", "doomfist", "--direct", "--compress");

        using (var json = CliAssert.Json(copy))
        {
            var sent = json.RootElement.GetProperty("bytes_sent").GetInt64();
            Assert.True(sent >= Size, $"the weights were compressed: {sent} bytes sent for {Size} bytes of zeros\n{copy}");
        }
        TreeComparer.AssertSameTree(source, Path.Combine(DoomfistBase, name));
    }

    [Fact]
    public async Task DirectFailsWithOneLineWhenTheSourceCannotLogInToTheTarget()
    {
        var name = "nr-" + Id;
        Tree(name).File("a.txt", "a\n");
        await CliOk(Config(), "push", "./" + name, "reaper");

        var unknownHost = await Cli(Config(), "copy", $"reaper:{name}", "doomfist", "--direct");
        CliAssert.Error(unknownHost, 1, "reaper cannot reach doomfist", "host key is not known on reaper", "StrictHostKeyChecking: accept-new");

        var noKey = await Cli(Config(doomfist: DirectAccess(Doomfist, withKey: false)), "copy", $"reaper:{name}", "doomfist", "--direct");
        CliAssert.Error(noKey, 1, "reaper cannot reach doomfist", "authentication failed", "forward_agent: true on reaper");
        Assert.False(Directory.Exists(Path.Combine(DoomfistBase, name)), "nothing may be published when the source cannot reach the target");
    }

    [Fact]
    public async Task DirectUsesThisMachinesAgentOnlyWhenTheSourceAliasForwardsIt()
    {
        var name = "ag-" + Id;
        var source = Tree(name).File("config.pbtxt", "agent\n").RandomFile("w.bin", 50_000, seed: 5).Root;
        await using var agent = await SshAgent.StartAsync(Path.Combine(Work, "agent.sock"));
        await agent.AddAsync(Doomfist.ClientKeyPath);
        var env = new Dictionary<string, string> { ["SSH_AUTH_SOCK"] = agent.Socket };
        await CliOk(Config(), "push", "./" + name, "reaper");

        var without = await CliRunner.RunAsync(["copy", $"reaper:{name}", "doomfist", "--direct"], Config(doomfist: DirectAccess(Doomfist, withKey: false)), env, Work);
        CliAssert.Error(without, 1, "authentication failed", "forward_agent: true on reaper");

        var with = await CliRunner.RunAsync(["copy", $"reaper:{name}", "doomfist", "--direct"],
            Config(reaper: ["forward_agent: true"], doomfist: DirectAccess(Doomfist, withKey: false)), env, Work);

        CliAssert.Exit(with, 0);
        CliAssert.StdoutContains(with, "your ssh agent forwarded");
        TreeComparer.AssertSameTree(source, Path.Combine(DoomfistBase, name));
    }

    [Fact]
    public async Task LatestOnTheSourcePicksTheNewestVersion()
    {
        var config = Config();
        foreach (var version in new[] { "250101", "250820", "250315" })
        {
            var name = $"RTX3090_N2501_CP{Id.ToUpperInvariant()}_{version}";
            Tree(name).File("config.pbtxt", version + "\n");
            await CliOk(config, "push", "./" + name, "reaper");
        }

        var result = await CliOk(config, "copy", $"reaper:CP{Id.ToUpperInvariant()}@latest", $"doomfist:latest-{Id}/");

        CliAssert.StdoutContains(result, $"Resolved: reaper:CP{Id.ToUpperInvariant()}@latest → RTX3090_N2501_CP{Id.ToUpperInvariant()}_250820");
        Assert.Equal("250820\n", File.ReadAllText(Path.Combine(DoomfistBase, "latest-" + Id, $"RTX3090_N2501_CP{Id.ToUpperInvariant()}_250820", "config.pbtxt")));
    }

    [Fact]
    public async Task AStageThatNeverVerifiesFailsWithExit3AndPublishesNothing()
    {
        var config = Config();
        var name = "bad-" + Id;
        Tree(name).File("config.pbtxt", "x\n").RandomFile("w.bin", 10_000, seed: 6);
        await CliOk(config, "push", "./" + name, "reaper");
        var bashrc = Path.Combine(Doomfist.RemoteHome, ".bashrc");
        var liar = Path.Combine(Work, "liar");
        Directory.CreateDirectory(liar);
        // Hash tools on doomfist that report all zeros: every file of the stage mismatches, even after the re-send.
        foreach (var tool in new[] { "openssl", "sha256sum" })
        {
            var path = Path.Combine(liar, tool);
            File.WriteAllText(path, $"#!/bin/sh\n/usr/bin/{tool} \"$@\" | sed -z 's/^[0-9a-f]\\{{64\\}}/{new string('0', 64)}/'\n");
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        try
        {
            File.WriteAllText(bashrc, $"PATH={SingleQuoted.Word(liar)}:$PATH\n");
            var result = await Cli(config, "copy", $"reaper:{name}", "doomfist");

            CliAssert.Exit(result, 3);
            CliAssert.StdoutContains(result, "Sync FAILED", "was not changed");
            Assert.False(Directory.Exists(Path.Combine(DoomfistBase, name)), "a copy that failed verification must not be published");
        }
        finally
        {
            File.WriteAllText(bashrc, "");
        }
    }
}

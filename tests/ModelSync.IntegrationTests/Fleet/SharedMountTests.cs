using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Fleet;

/// <summary>
/// <c>local_path</c>: the sshd fixture's model_base is a directory on this machine, so naming it as the alias's
/// local_path is a mount the marker proves; any other directory is refused by the marker, and ssh is used instead.
/// </summary>
[Collection("sshd")]
public sealed class SharedMountTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private string Base => Path.Combine(Sshd.Root, "shared-" + Id);

    private string MountConfig(string localPath)
    {
        Directory.CreateDirectory(Base);
        return TestConfig.Write(Work, TestConfig.Ssh(Sshd, "nfs", Base) with { Raw = ["local_path: " + TestConfig.YamlQuote(localPath)] },
            TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA));
    }

    [Fact]
    public async Task PushPullAndCopyGoThroughALocalPathTheMarkerProves()
    {
        var config = MountConfig(Base);
        var name = "m-" + Id;
        var source = Path.Combine(Work, name);
        HostileTree.Build(source);

        var push = await CliWith(config, "push", "./" + name, "nfs");

        CliAssert.Exit(push, 0);
        TreeComparer.AssertSameTree(source, Path.Combine(Base, name));
        CliAssert.StdoutContains(push, $"| Transport | local mount {Base} (proven same as nfs:{Base}), copied here by the kernel (copy_file_range, no rsync)", "| Verified | yes");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Base, ".model-sync-probe.*"));

        var pull = await CliWith(config, "pull", $"nfs:{name}", "./back/");
        CliAssert.Exit(pull, 0);
        TreeComparer.AssertSameTree(source, Path.Combine(Work, "back", name));
        CliAssert.StdoutContains(pull, "| Transport | local mount");

        await CliOk("push", "./" + name, $"alpha:src-{Id}");
        var copy = await CliWith(config, "copy", $"alpha:src-{Id}", $"nfs:copied-{Id}");
        CliAssert.Exit(copy, 0);
        TreeComparer.AssertSameTree(source, Path.Combine(Base, "copied-" + Id));
        CliAssert.StdoutContains(copy, "| Transport | local mount");
    }

    [Fact]
    public async Task ALocalPathThatIsAnotherDirectoryIsRefusedByTheMarkerAndSshIsUsed()
    {
        var elsewhere = Path.Combine(Work, "not-the-mount");
        Directory.CreateDirectory(elsewhere);
        var config = MountConfig(elsewhere);
        var name = "m-" + Id;
        var source = Tree(name).File("config.pbtxt", "x\n").Root;

        var push = await CliWith(config, "--json", "push", "./" + name, "nfs");

        CliAssert.Exit(push, 0);
        Assert.Contains($"model-sync: warning: local_path {elsewhere} of nfs is not used: a marker written to nfs:{Base} does not appear in {elsewhere}; going over ssh", push.Stderr, StringComparison.Ordinal);
        using var json = CliAssert.Json(push);
        Assert.StartsWith("tar over ssh", json.RootElement.GetProperty("transport").GetString(), StringComparison.Ordinal);
        Assert.Contains(json.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("is not used", StringComparison.Ordinal));
        TreeComparer.AssertSameTree(source, Path.Combine(Base, name));
        Assert.Empty(Directory.EnumerateFileSystemEntries(elsewhere));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Base, ".model-sync-probe.*"));
    }

    [Fact]
    public async Task AutoFindsModelBaseAtTheSamePathHereAndProvesIt()
    {
        var config = MountConfig("auto");
        var name = "m-" + Id;
        var source = Tree(name).File("config.pbtxt", "auto\n").Root;

        var push = await CliWith(config, "push", "./" + name, "nfs");

        CliAssert.Exit(push, 0);
        CliAssert.StdoutContains(push, $"| Transport | local mount {Base} (proven same as nfs:{Base})");
        TreeComparer.AssertSameTree(source, Path.Combine(Base, name));
    }
}

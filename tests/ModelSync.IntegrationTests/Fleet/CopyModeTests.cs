using System.Runtime.Versioning;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Fleet;

/// <summary>A copy between servers carries a mode-only change, and never through the inode the target's stage shares with its live copy.</summary>
[Collection("two-sshd")]
[SupportedOSPlatform("linux")]
public sealed class CopyModeTests(TwoServersFixture servers) : TwoServerTestBase(servers)
{

    [Theory]
    [InlineData("relay")]
    [InlineData("direct")]
    public async Task AModeOnlyChangeIsCopiedIntoANewInode(string how)
    {
        var config = Config(doomfist: DirectAccess(Doomfist));
        var name = $"{how}-{Id}";
        var tree = new TreeBuilder(Path.Combine(Work, name)).File("run.sh", "#!/bin/sh\n").RandomFile("w.bin", 1 << 16, 3);
        foreach (var file in new[] { "run.sh", "w.bin" }) File.SetUnixFileMode(tree.PathOf(file), ModeBits.Plain);
        string[] direct = how == "direct" ? ["--direct"] : [];
        await CliOk(config, "push", "./" + name, "reaper");
        await CliOk(config, ["copy", $"reaper:{name}", "doomfist", .. direct]);
        var live = Path.Combine(DoomfistBase, name, "run.sh");
        var witness = Path.Combine(Work, "witness-" + how);
        await TestProcess.RunOkAsync("ln", live, witness);
        File.SetUnixFileMode(tree.PathOf("run.sh"), ModeBits.Executable);
        await CliOk(config, "push", "./" + name, "reaper");

        await CliOk(config, ["copy", $"reaper:{name}", "doomfist", .. direct]);

        Assert.Equal(ModeBits.Executable, File.GetUnixFileMode(live));
        Assert.Equal(ModeBits.Plain, File.GetUnixFileMode(witness));
    }
}

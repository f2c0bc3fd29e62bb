using System.Runtime.Versioning;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A file whose permission bits changed, and nothing else, arrives with its new mode, and never through the inode a
/// published version shares with the stage (a stage seeded by hard links from the live version or from a basis):
/// a chmod there would change the live model before the publish, and for good if the push then failed. Each test
/// keeps a hard link of its own to the published file as a witness of that inode.
/// </summary>
[Collection("sshd")]
[SupportedOSPlatform("linux")]
public sealed class ModeChangeTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const string Old = "RTX3090_N2501_ASR_250715";
    private const string New = "RTX3090_N2501_ASR_250820";

    private string Dir => "modes-" + Id;

    private string OnServer(params string[] parts) => Path.Combine([Sshd.BaseA, Dir, .. parts]);

    [Theory]
    [InlineData(ModeBits.Executable)]
    [InlineData(Private)]
    public async Task ARePushOfAModeOnlyChangeSendsItAndLeavesTheOldPublishedInodeAlone(UnixFileMode mode)
    {
        var model = Model("model");
        await CliOk("push", "./model", $"alpha:{Dir}/model");
        var witness = Witness(OnServer("model", "run.sh"));
        File.SetUnixFileMode(model.PathOf("run.sh"), mode);

        var push = CliAssert.Json(await CliOk("push", "./model", $"alpha:{Dir}/model", "--json")).RootElement;

        Assert.Equal(mode, File.GetUnixFileMode(OnServer("model", "run.sh")));
        Assert.Equal(ModeBits.Plain, File.GetUnixFileMode(witness));
        Assert.True(push.GetProperty("published").GetBoolean(), push.ToString());
        Assert.True(push.GetProperty("verified").GetBoolean(), push.ToString());
        Assert.Equal(ModeBits.Plain, File.GetUnixFileMode(OnServer("model", "weights.bin")));
    }

    [Fact]
    public async Task ASingleFileModelsModeOnlyChangeArrivesInANewInode()
    {
        var model = Model("model");
        await CliOk("push", "./model/weights.bin", $"alpha:{Dir}/weights.bin");
        var witness = Witness(OnServer("weights.bin"));
        File.SetUnixFileMode(model.PathOf("weights.bin"), Private);

        await CliOk("push", "./model/weights.bin", $"alpha:{Dir}/weights.bin");

        Assert.Equal(Private, File.GetUnixFileMode(OnServer("weights.bin")));
        Assert.Equal(ModeBits.Plain, File.GetUnixFileMode(witness));
    }

    [Fact]
    public async Task APushToALocalAliasCarriesAModeOnlyChangeInANewInode()
    {
        var model = Model("model");
        var published = Path.Combine(Sshd.LocalBase, Dir, "model", "run.sh");
        await CliOk("push", "./model", $"local:{Dir}/model");
        var witness = Witness(published);
        File.SetUnixFileMode(model.PathOf("run.sh"), ModeBits.Executable);

        await CliOk("push", "./model", $"local:{Dir}/model");

        Assert.Equal(ModeBits.Executable, File.GetUnixFileMode(published));
        Assert.Equal(ModeBits.Plain, File.GetUnixFileMode(witness));
    }

    [Fact]
    public async Task TheDiffNamesAModeOnlyChange()
    {
        var model = Model("model");
        await CliOk("push", "./model", $"alpha:{Dir}/model");
        File.SetUnixFileMode(model.PathOf("run.sh"), ModeBits.Executable);

        var diff = CliAssert.Json(await Cli("diff", "./model", $"alpha:{Dir}/model", "--json")).RootElement;

        var entry = Assert.Single(diff.GetProperty("entries").EnumerateArray());
        Assert.Equal(("run.sh", "modified", "mode 644 → 755"),
            (entry.GetProperty("path").GetString(), entry.GetProperty("status").GetString(), entry.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task ANewVersionWhoseFileDiffersFromItsBasisOnlyByModeLeavesTheBasisFileAlone()
    {
        Model(Old);
        await CliOk("push", Old, $"alpha:{Dir}/{Old}");
        TestProcess.RunBytes("cp", ["-a", Path.Combine(Work, Old), Path.Combine(Work, New)]);
        File.SetUnixFileMode(Path.Combine(Work, New, "run.sh"), ModeBits.Executable);

        var push = CliAssert.Json(await CliOk("push", New, $"alpha:{Dir}/{New}", "--json")).RootElement;

        Assert.Equal(Old, push.GetProperty("basis").GetProperty("name").GetString());
        Assert.Equal(ModeBits.Plain, File.GetUnixFileMode(OnServer(Old, "run.sh")));
        Assert.Equal(ModeBits.Executable, File.GetUnixFileMode(OnServer(New, "run.sh")));
        Assert.True(push.GetProperty("verified").GetBoolean(), push.ToString());
    }

    [Fact]
    public async Task APullOfAModeOnlyChangeLeavesTheLocalPublishedInodeAlone()
    {
        Model("model");
        await CliOk("push", "./model", $"alpha:{Dir}/model");
        Directory.CreateDirectory(Path.Combine(Work, "pulled"));
        await CliOk("pull", $"alpha:{Dir}/model", "./pulled/");
        var witness = Witness(Path.Combine(Work, "pulled", "model", "run.sh"));
        File.SetUnixFileMode(OnServer("model", "run.sh"), ModeBits.Executable);

        await CliOk("pull", $"alpha:{Dir}/model", "./pulled/");

        Assert.Equal(ModeBits.Executable, File.GetUnixFileMode(Path.Combine(Work, "pulled", "model", "run.sh")));
        Assert.Equal(ModeBits.Plain, File.GetUnixFileMode(witness));
    }

    /// <summary>A small model whose files are all mode 644.</summary>
    private TreeBuilder Model(string name)
    {
        var tree = Tree(name).File("run.sh", "#!/bin/sh\necho serve\n").File("config.pbtxt", "max_batch_size: 8").RandomFile("weights.bin", 1 << 20, 5);
        foreach (var file in Directory.EnumerateFiles(tree.Root, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(file, ModeBits.Plain);
        return tree;
    }

    /// <summary>A second name for the inode at <paramref name="path"/>, kept outside the model and its stage.</summary>
    private string Witness(string path)
    {
        var witness = Path.Combine(Sshd.BaseA, "witness-" + Id + "-" + Guid.NewGuid().ToString("N")[..6]);
        TestProcess.RunBytes("ln", [path, witness]);
        return witness;
    }
}

using ModelSync.Config;
using ModelSync.Manifests;
using ModelSync.Preflight;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Preflight;

/// <summary>The stage's shape against the source, the space a leftover stage takes, and the command that drops it.</summary>
public sealed class TransferChecksTests
{
    private static readonly TreeListing Source = Tree(Dir("1"), File("1/model.onnx", 10), Link("2", "1"), Link("cfg", "config.pbtxt"), File("config.pbtxt", 3));

    [Fact]
    public void A_stage_holding_every_link_as_the_same_link_and_every_file_as_a_file_has_the_source_s_shape() =>
        Assert.Empty(TransferChecks.ShapeMismatches(Source, Tree(Dir("1"), File("1/model.onnx", 10), Link("2", "1"), Link("cfg", "config.pbtxt"), File("config.pbtxt", 3), File("extra", 1))));

    /// <summary>why, then the stage's entry at <c>2</c> (null: none).</summary>
    public static TheoryData<string, TreeEntry?> Misshapen => new()
    {
        { "missing", null },
        { "a link to another target", Link("2", "3") },
        { "a directory where the source has a link", Dir("2") },
        { "a file where the source has a link", File("2", 10) },
    };

    [Theory]
    [MemberData(nameof(Misshapen))]
    public void A_link_the_stage_does_not_hold_as_the_same_link_is_a_mismatch(string why, TreeEntry? atTwo)
    {
        TreeEntry[] rest = [Dir("1"), File("1/model.onnx", 10), Link("cfg", "config.pbtxt"), File("config.pbtxt", 3)];
        Assert.True(TransferChecks.ShapeMismatches(Source, Tree(atTwo is null ? rest : [.. rest, atTwo])).SequenceEqual(["2"]), why);
    }

    [Fact]
    public void A_link_where_the_source_has_a_file_is_a_mismatch_even_when_it_points_to_the_same_bytes() =>
        Assert.Equal(["config.pbtxt"], TransferChecks.ShapeMismatches(Source,
            Tree(Dir("1"), File("1/model.onnx", 10), Link("2", "1"), Link("cfg", "config.pbtxt"), Link("config.pbtxt", "1/model.onnx"))));

    [Fact]
    public void A_stage_takes_the_bytes_of_its_files_that_are_not_hard_links_of_the_live_version()
    {
        var live = Tree(File("a", 100) with { Inode = 1 }, File("b", 200) with { Inode = 2 });
        var stage = Tree(File("a", 100) with { Inode = 1 }, File("b", 250) with { Inode = 3 }, File(".rsync-partial/c", 40) with { Inode = 4 });

        Assert.Equal(290, TransferChecks.StageHeldBytes(stage, live));
        Assert.Equal(390, TransferChecks.StageHeldBytes(stage, null));
    }

    [Fact]
    public void The_command_that_drops_a_stage_reaches_the_server_s_shell_through_exec_word_for_word()
    {
        const string stage = "/m/.model-sync-stage.it's $(x) `y`";
        var server = new SshRemote(new ServerAlias("gpu", "gpu.internal", null, null, "/m", null, []), new ProcessRunner());

        var words = Words(TransferChecks.DropCommand(new Endpoint(server, "/m/it's $(x) `y`", "gpu:it"), stage));

        Assert.Equal(["model-sync", "exec", "gpu"], words[..3]);
        Assert.Equal(["rm", "-rf", "--", stage], Words(Assert.Single(words[3..])));
    }

    [Fact]
    public void The_command_that_drops_a_local_stage_is_a_plain_rm()
    {
        var local = new LocalRemote(new ServerAlias("local", null, null, null, "/m", null, []), new ProcessRunner());

        Assert.Equal("rm -rf -- /m/.model-sync-stage.m", TransferChecks.DropCommand(new Endpoint(local, "/m/m", "local:m"), "/m/.model-sync-stage.m"));
    }

    /// <summary>How sh splits <paramref name="line"/> into words.</summary>
    private static string[] Words(string line) =>
        System.Text.Encoding.UTF8.GetString(LocalProcess.Run("sh", ["-c", "printf '%s\\0' " + line])).Split('\0')[..^1];
}

using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// Names starting with <c>.model-sync-</c> are the tool's own (manifest, stage, seed, partial, old, lock). Inside a model
/// it would send them without verifying them, and on the target they would pose as its own: a source holding one is
/// refused before anything moves.
/// </summary>
[Collection("sshd")]
public sealed class ReservedNameTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task APushOfAModelHoldingTheToolsOwnNamesIsRefusedAndNothingIsSent()
    {
        var source = Tree("m").File("config.pbtxt", "name: \"m\"").File("1/.model-sync-lock.model.onnx/holder", "host=x\n")
            .File(".model-sync-notes.txt", "mine").Root;
        var name = "reserved-" + Id;

        var push = await Cli("push", source, "alpha:" + name, "--json");

        CliAssert.JsonError(push, 2, "2 names model-sync keeps for itself", "'.model-sync-notes.txt'", "rename or remove");
        CliAssert.Error(push, 2, ".model-sync-");
        Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, name)));
    }

    [Fact]
    public async Task APullOfAServerModelHoldingOneIsRefusedToo()
    {
        var name = "reserved-pull-" + Id;
        Tree("m").File("config.pbtxt", "name: \"m\"");
        CliAssert.Exit(await Cli("push", "./m", "alpha:" + name), 0);
        await File.WriteAllTextAsync(Path.Combine(Sshd.BaseA, name, ".model-sync-stage.x"), "planted");

        var pull = await Cli("pull", "alpha:" + name, "./pulled/");

        CliAssert.Error(pull, 2, "'.model-sync-stage.x'", "rename or remove");
        Assert.False(Directory.Exists(Path.Combine(Work, "pulled", name)));
    }

    [Fact]
    public async Task AManifestAtTheTopOfASourceIsTheToolsOwnAndStaysOutOfTheWay()
    {
        var name = "with-manifest-" + Id;
        var source = Tree("m").File("config.pbtxt", "name: \"m\"").File(".model-sync-manifest.json", "{\"format_version\": 2}").Root;

        var push = await Cli("push", source, "alpha:" + name);

        CliAssert.Exit(push, 0);
        Assert.True(File.Exists(Path.Combine(Sshd.BaseA, name, "config.pbtxt")));
        Assert.DoesNotContain("{\"format_version\": 2}", await File.ReadAllTextAsync(Path.Combine(Sshd.BaseA, name, ".model-sync-manifest.json")), StringComparison.Ordinal);
    }
}

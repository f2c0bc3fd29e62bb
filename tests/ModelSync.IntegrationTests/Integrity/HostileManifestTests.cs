using System.Text.Json.Nodes;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Integrity;

/// <summary>A manifest on the server is whatever anyone with write access there left: every command survives a damaged one.</summary>
[Collection("sshd")]
public sealed class HostileManifestTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const string Manifest = ".model-sync-manifest.json";

    private string Model => "model-" + Id;

    private string ServerManifest => Path.Combine(Sshd.BaseA, Model, Manifest);

    private async Task PushedAsync()
    {
        Tree(Model).File("config.pbtxt", "name: \"m\"\n").RandomFile("1/model.onnx", 100_000, seed: 3);
        await CliOk("push", "./" + Model, "alpha");
    }

    private static void AssertWarned(CliResult result, string fragment)
    {
        using var json = CliAssert.Json(result);
        var warnings = json.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString() ?? "").ToList();
        Assert.True(warnings.Any(w => w.Contains(fragment, StringComparison.Ordinal)), $"no warning with '{fragment}'\n{result}");
    }

    [Fact]
    public async Task AManifestWithADuplicatedPathIsIgnoredWithAWarningByPullVerifyAndPush()
    {
        await PushedAsync();
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(ServerManifest))!;
        var files = manifest["files"]!.AsArray();
        files.Add(files[0]!.DeepClone());
        await File.WriteAllTextAsync(ServerManifest, manifest.ToJsonString());
        const string Problem = "2 entries for '1/model.onnx'";

        var pull = await Cli("pull", "alpha:" + Model, "./pulled/", "--json");
        var verify = await Cli("verify", "./" + Model, "alpha", "--json");
        var againstManifest = await Cli("verify", "alpha:" + Model, "--json");
        var push = await Cli("push", "./" + Model, "alpha", "--json");

        CliAssert.Exit(pull, 0);
        AssertWarned(pull, Problem);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Work, Model, "1", "model.onnx")),
            await File.ReadAllBytesAsync(Path.Combine(Work, "pulled", Model, "1", "model.onnx")));
        CliAssert.Exit(verify, 0);
        AssertWarned(verify, Problem);
        CliAssert.JsonError(againstManifest, 1, "no usable manifest", Problem, "verify <local>");
        CliAssert.Exit(push, 0);
        AssertWarned(push, Problem);
        CliAssert.StdoutContains(await CliOk("verify", "alpha:" + Model), "Result: OK");
    }

    [Fact]
    public async Task AManifestWithANulByteDoesNotBreakTheListingAfterIt()
    {
        await PushedAsync();
        await File.WriteAllTextAsync(ServerManifest, "{\"files\": [\0]}");

        var pull = await Cli("pull", "alpha:" + Model, "./pulled/", "--json");

        CliAssert.Exit(pull, 0);
        using var json = CliAssert.Json(pull);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean(), pull.ToString());
    }

    [Fact]
    public async Task AManifestLargerThanTheLimitIsNotReadAndSaysSo()
    {
        await PushedAsync();
        await using (var file = new FileStream(ServerManifest, FileMode.Create))
        {
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 65; i++) await file.WriteAsync(spaces); // a MiB past the limit
        }

        var pull = await Cli("pull", "alpha:" + Model, "./pulled/", "--json");

        CliAssert.Exit(pull, 0);
        AssertWarned(pull, "larger than 64 MiB");
    }
}

using System.Text.Json.Nodes;
using Json.Schema;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// Every command's <c>--json</c> output, from real runs against the sshd fixture, follows the schema that
/// docs/json.md documents (docs/json/*.schema.json: required fields, no undocumented ones), errors included.
/// </summary>
[Collection("sshd")]
public sealed class JsonSchemaTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    /// <summary>Commands whose output is not a report: <c>completion</c> prints a shell script.</summary>
    private static readonly HashSet<string> NotReports = ["completion"];

    [Fact]
    public void EveryCommandHasADocumentedValidSchema()
    {
        var doc = File.ReadAllText(RepoFiles.PathOf("docs/json.md"));
        var files = ModelSync.Cli.Cli.Build().Subcommands
            .Where(c => !c.Hidden && !NotReports.Contains(c.Name))
            .Select(c => JsonSchemas.FileFor(c.Name))
            .Append("error.schema.json")
            .Concat(Directory.GetFiles(RepoFiles.PathOf(JsonSchemas.Directory), "*.schema.json").Select(Path.GetFileName).OfType<string>())
            .Distinct();
        foreach (var file in files)
        {
            var path = RepoFiles.PathOf(Path.Combine(JsonSchemas.Directory, file));
            Assert.True(File.Exists(path), $"no schema {JsonSchemas.Directory}/{file}");
            Assert.Contains($"json/{file}", doc, StringComparison.Ordinal);
            var problems = JsonSchemas.Problems(MetaSchemas.Draft202012, JsonNode.Parse(File.ReadAllText(path)));
            Assert.True(problems.Count == 0, $"{file} is not a valid 2020-12 schema:\n{string.Join('\n', problems)}");
        }
    }

    [Fact]
    public async Task ServersWithAndWithoutCheck()
    {
        var plain = JsonSchemas.Valid(await CliOk("--json", "servers"), "servers.schema.json");
        Assert.All(plain["servers"]!.AsArray(), s => Assert.Null(s!["check"]));

        var checkedOut = JsonSchemas.Valid(await CliOk("servers", "--check", "--json"), "servers.schema.json");
        Assert.All(checkedOut["servers"]!.AsArray(), s => Assert.True(s!["check"]!["reachable"]!.GetValue<bool>()));
    }

    [Fact]
    public async Task DiffPushPullAndVerify()
    {
        var target = "alpha:json-" + Id;
        Tree("m").File("config.pbtxt", "v1").File("1/model.onnx", "weights").Symlink("latest", "1");

        var diff = JsonSchemas.Valid(await CliOk("diff", "./m", target, "--json"), "diff.schema.json");
        Assert.False(diff["remote_exists"]!.GetValue<bool>());
        var push = JsonSchemas.Valid(await CliOk("push", "./m", target, "--json"), "transfer.schema.json");
        Assert.Equal("push", push["command"]!.GetValue<string>());

        await File.WriteAllTextAsync(Path.Combine(Work, "m", "config.pbtxt"), "v2 longer");
        await File.WriteAllTextAsync(Path.Combine(Sshd.BaseA, "json-" + Id, "stale.txt"), "old");
        var dry = JsonSchemas.Valid(await CliOk("push", "./m", target, "--dry-run", "--delete", "--json"), "transfer.schema.json");
        Assert.Equal(["modified", "delete"], dry["changes"]!.AsArray().Select(c => c!["action"]!.GetValue<string>()).Order().Reverse());

        var pull = JsonSchemas.Valid(await CliOk("pull", target, "./pulled/", "--json"), "transfer.schema.json");
        Assert.Equal("pull", pull["command"]!.GetValue<string>());

        JsonSchemas.Valid(await CliOk("verify", "./pulled/json-" + Id, target, "--json"), "verify.schema.json");
        var failed = await Cli("verify", "./m", target, "--json");
        CliAssert.Exit(failed, 3);
        Assert.NotEmpty(JsonSchemas.Valid(failed, "verify.schema.json")["problems"]!.AsArray());
        var manifest = JsonSchemas.Valid(await Cli("verify", target, "--json"), "verify.schema.json");
        Assert.Null(manifest["local"]);
    }

    [Fact]
    public async Task ListVersionsAndName()
    {
        var model = "J" + Id.ToUpperInvariant();
        var name = $"RTX3090_N2501_{model}_250101";
        Tree(name).File("config.pbtxt", "v1");
        Tree("plain").File("config.pbtxt", "v1");
        await CliOk("push", "./" + name, "alpha");
        await CliOk("push", "./plain", "alpha:plain-" + Id);

        var list = JsonSchemas.Valid(await CliOk("list", "alpha", "--json"), "list.schema.json");
        var models = list["models"]!.AsArray();
        Assert.Contains(models, m => m!["name"]!.GetValue<string>() == name && m["fields"] is not null);
        Assert.Contains(models, m => m!["name"]!.GetValue<string>() == "plain-" + Id && m["fields"] is null);
        JsonSchemas.Valid(await CliOk("list", "alpha", "--model", model + "@latest", "--json"), "list.schema.json");

        var versions = JsonSchemas.Valid(await CliOk("versions", "alpha", model, "--json"), "versions.schema.json");
        Assert.Equal(name, versions["latest"]!.GetValue<string>());

        var named = JsonSchemas.Valid(await CliOk("name", "--gpu", "RTX3090", "--date", "N2511", "--model", "ASR", "--json"), "name.schema.json");
        Assert.StartsWith("RTX3090_N2511_ASR_", named["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecPassesTheExitCode()
    {
        var result = await Cli("exec", "alpha", "echo out; echo err >&2; exit 4", "--json");

        CliAssert.Exit(result, 4);
        Assert.Equal(4, JsonSchemas.Valid(result, "exec.schema.json")["exit_code"]!.GetValue<int>());
    }

    [Fact]
    public async Task DoctorHealthyAndBroken()
    {
        JsonSchemas.Valid(await CliOk("doctor", "alpha", "--json"), "doctor.schema.json");

        var closed = TestConfig.Ssh(Sshd, "closed", Sshd.BaseA) with { Port = ClosedPort.Get() };
        var broken = await CliWith(TestConfig.Write(Work, closed), "doctor", "closed", "--json");
        CliAssert.Exit(broken, 1);
        var statuses = JsonSchemas.Valid(broken, "doctor.schema.json")["checks"]!.AsArray().Select(c => c!["status"]!.GetValue<string>()).ToHashSet();
        Assert.Contains("failed", statuses);
        Assert.Contains("skipped", statuses);
    }

    [Theory]
    [InlineData(2, "list", "alpah")]
    [InlineData(2, "push", "./m", "alpha", "--no-such-option")]
    [InlineData(1, "list", "missing-base")]
    public async Task ErrorsFollowTheErrorSchema(int exitCode, params string[] args)
    {
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA), TestConfig.Ssh(Sshd, "missing-base", Path.Combine(Work, "nothing-here")));

        var result = await CliWith(config, [.. args, "--json"]);

        CliAssert.Exit(result, exitCode);
        var error = JsonSchemas.Valid(result, "error.schema.json")["error"]!;
        Assert.Equal(exitCode, error["code"]!.GetValue<int>());
    }
}

using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Fleet;

/// <summary><c>exec</c>, <c>list</c>, <c>diff</c> and <c>servers --check</c> over several servers or a group.</summary>
[Collection("sshd fleet")]
public sealed class FleetQueryTests(SshdFleetFixture fleet) : FleetTestBase(fleet)
{
    [Fact]
    public async Task ExecOnAGroupGivesASectionAndAnExitCodePerServer()
    {
        var result = await Cli("exec", "@pair", "s3", "echo \"home:$HOME\"; test \"$HOME\" != " + Fleet["s2"].RemoteHome);

        CliAssert.Exit(result, 1);
        CliAssert.StdoutContains(result, "## s1: exit 0", $"home:{Fleet["s1"].RemoteHome}", "## s2: exit 1", $"home:{Fleet["s2"].RemoteHome}", "## s3: exit 0");
        Assert.Equal("1", CliAssert.Cell(result, "s2", "Exit code"));
        Assert.Equal("0", CliAssert.Cell(result, "s3", "Exit code"));
        CliAssert.StdoutContains(result, "failed on 1 of 3 servers: s2");
    }

    [Fact]
    public async Task ExecJsonHasEachServersOutput()
    {
        var result = await Cli("--json", "exec", "s1", "gone", "echo hi");

        CliAssert.Exit(result, 1);
        JsonSchemas.Valid(result, "exec-fleet.schema.json");
        using var doc = CliAssert.Json(result);
        var servers = doc.RootElement.GetProperty("servers").EnumerateArray().ToList();
        Assert.Equal("hi\n", servers[0].GetProperty("stdout").GetString());
        Assert.Equal(0, servers[0].GetProperty("exit_code").GetInt32());
        Assert.Contains("cannot reach", servers[1].GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListOfAGroupShowsWhichServersHaveWhichVersions()
    {
        var model = "M" + Id[..6].ToUpperInvariant().Replace('0', 'O');
        var older = $"RTX3090_N2501_{model}_250101";
        var newer = $"RTX3090_N2501_{model}_250202";
        foreach (var (alias, names) in new[] { ("s1", new[] { older, newer }), ("s2", new[] { older }), ("s3", Array.Empty<string>()) })
        {
            foreach (var n in names) new TreeBuilder(Path.Combine(BaseOf(alias), n)).File("config.pbtxt", n);
        }

        var result = await Cli("list", "s1", "s2", "s3", "--model", model);

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "## Models on s1, s2, s3", $"Showing: (model: {model})");
        Assert.Equal(["yes", "yes", "—"], Cells(result, older, "s1", "s2", "s3"));
        Assert.Equal(["yes", "—", "—"], Cells(result, newer, "s1", "s2", "s3"));
        CliAssert.StdoutContains(result, "Total: 2 models; s1 2, s2 1, s3 0");

        var latest = await Cli("list", "s1", "s2", "s3", "gone", "--model", model + "@latest");

        CliAssert.Exit(latest, 1);
        Assert.Equal(["—", "yes", "—", "?"], Cells(latest, older, "s1", "s2", "s3", "gone"));
        Assert.Equal("yes", CliAssert.Cell(latest, newer, "s1"));
        CliAssert.StdoutContains(latest, "Not reached: gone — cannot reach");
    }

    [Fact]
    public async Task DiffAgainstAGroupSummarisesEachServerAndNamesThePushThatSyncsThem()
    {
        var name = SmallModel("DIF");
        CliAssert.Exit(await Cli("push", name, "s1", "s2"), 0);
        File.AppendAllText(Path.Combine(Work, name, "config.pbtxt"), "# changed\n");

        var result = await Cli("diff", name, "@pair", "s3");

        CliAssert.Exit(result, 0);
        Assert.Equal("1 to push", CliAssert.Cell(result, "s1", "Status"));
        Assert.Equal("1", CliAssert.Cell(result, "s2", "Modified"));
        Assert.Equal("not there yet", CliAssert.Cell(result, "s3", "Status"));
        CliAssert.StdoutContains(result, $"To sync: `model-sync push {name} s1 s2 s3`");
    }

    [Fact]
    public async Task DiffOverAGroupWarnsOnceAboutANameAPushWouldBeWarnedAbout()
    {
        var name = "not-conforming-" + Id;
        new TreeBuilder(Path.Combine(Work, name)).File("config.pbtxt", "x\n");

        var result = await Cli("diff", name, "@pair");

        CliAssert.Exit(result, 0);
        var warnings = result.Stderr.Split('\n').Where(l => l.Contains("warning: target name", StringComparison.Ordinal)).ToList();
        Assert.Single(warnings);
        Assert.Contains(name, warnings[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DiffWithChecksumOverAGroupNamesTheHashItCompared()
    {
        var name = SmallModel("DXH");
        CliAssert.Exit(await Cli("push", name, "s1", "s2"), 0);

        var result = await Cli("diff", name, "@pair", "--checksum", "--hash", "xxh128");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "Compared by: xxh128 of content");
        Assert.Equal("in sync", CliAssert.Cell(result, "s1", "Status"));
    }

    [Fact]
    public async Task ListJsonOverSeveralServersFollowsItsSchemaWithAServerNotReached()
    {
        var model = "J" + Id[..6].ToUpperInvariant().Replace('0', 'O');
        var older = $"RTX3090_N2501_{model}_250101";
        var newer = $"RTX3090_N2501_{model}_250202";
        var stray = model + "-stray";
        foreach (var (alias, names) in new[] { ("s1", new[] { older, newer }), ("s2", new[] { older, stray }) })
        {
            foreach (var n in names) new TreeBuilder(Path.Combine(BaseOf(alias), n)).File("config.pbtxt", n);
        }

        var result = await Cli("--json", "list", "s1", "s2", "gone", "--filter", model);

        CliAssert.Exit(result, 1);
        var list = JsonSchemas.Valid(result, "list-fleet.schema.json");
        Assert.Equal(["s1", "s2", "gone"], list["servers"]!.AsArray().Select(s => s!.GetValue<string>()));
        var models = list["models"]!.AsArray().ToDictionary(m => m!["name"]!.GetValue<string>());
        Assert.Equal([stray, older, newer], models.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["s1", "s2"], models[older]!["on"]!.AsArray().Select(o => o!["server"]!.GetValue<string>()));
        Assert.Equal("250202", models[newer]!["fields"]!["version"]!.GetValue<string>());
        Assert.Null(models[stray]!["fields"]);
        var gone = list["results"]!.AsArray().Single(r => r!["server"]!.GetValue<string>() == "gone")!;
        Assert.Null(gone["total_models"]);
        Assert.Equal(1, gone["error"]!["code"]!.GetValue<int>());
    }

    [Fact]
    public async Task DiffJsonOverSeveralServersFollowsItsSchemaWithAndWithoutChecksum()
    {
        var name = SmallModel("DJS");
        CliAssert.Exit(await Cli("push", name, "s1", "s2"), 0);
        File.AppendAllText(Path.Combine(Work, name, "config.pbtxt"), "# changed\n");

        var result = await Cli("--json", "diff", name, "@pair", "s3", "gone");

        CliAssert.Exit(result, 1);
        var diff = JsonSchemas.Valid(result, "diff-fleet.schema.json");
        Assert.Equal("size_mtime", diff["compared_by"]!.GetValue<string>());
        Assert.Equal($"model-sync push {name} s1 s2 s3", diff["push_command"]!.GetValue<string>());
        var servers = diff["servers"]!.AsArray();
        Assert.Equal(["s1", "s2", "s3", "gone"], servers.Select(s => s!["server"]!.GetValue<string>()));
        Assert.Equal(1, servers[0]!["diff"]!["summary"]!["modified"]!.GetValue<int>());
        Assert.False(servers[2]!["diff"]!["remote_exists"]!.GetValue<bool>());
        Assert.Null(servers[3]!["diff"]);
        Assert.Contains("cannot reach", servers[3]!["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var hashed = await Cli("--json", "diff", name, "@pair", "gone", "--checksum", "--hash", "xxh128");

        CliAssert.Exit(hashed, 1);
        var byContent = JsonSchemas.Valid(hashed, "diff-fleet.schema.json");
        Assert.Equal("xxh128", byContent["compared_by"]!.GetValue<string>());
        Assert.Equal("xxh128", byContent["servers"]![0]!["diff"]!["compared_by"]!.GetValue<string>());
    }

    [Fact]
    public async Task ServersCheckOfAGroupChecksOnlyItsMembers()
    {
        var result = await Cli("servers", "--check", "@pair", "gone");

        CliAssert.Exit(result, 1);
        Assert.Equal("yes", CliAssert.Cell(result, "s1", "Reachable"));
        Assert.Equal("yes", CliAssert.Cell(result, "s2", "Reachable"));
        Assert.StartsWith("no — ", CliAssert.Cell(result, "gone", "Reachable"), StringComparison.Ordinal);
        CliAssert.StdoutLacks(result, "| s3 |");
        CliAssert.StdoutContains(result, "Groups: @fleet = s1, s2, s3, s4, s5, s6, s7, s8; @pair = s1, s2;");
    }

    [Fact]
    public async Task ABadGroupInTheConfigNamesItsLine()
    {
        var config = Fleet.WriteConfig(Work, "  gpu: [s1, s9]");

        var result = await CliRunner.RunAsync(["exec", "@gpu", "true"], config, workingDirectory: Work);

        CliAssert.Error(result, 2, "unknown server 's9' in group 'gpu' — did you mean 's1'?", $"config {config}:");
    }

    private static IEnumerable<string> Cells(CliResult result, string row, params string[] columns) => columns.Select(c => CliAssert.Cell(result, row, c));
}

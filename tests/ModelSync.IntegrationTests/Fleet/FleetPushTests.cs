using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Fleet;

/// <summary><c>push</c> to several servers: eight real sshd instances, each its own server.</summary>
[Collection("sshd fleet")]
public sealed class FleetPushTests(SshdFleetFixture fleet) : FleetTestBase(fleet)
{
    [Fact]
    public async Task PushToAGroupOfEightVerifiesEachAndABrokenServerDoesNotStopThem()
    {
        var name = SmallModel("ASR");

        var result = await Cli("push", name, "@broken", "--parallel", "8");

        CliAssert.Exit(result, 1);
        foreach (var alias in Aliases)
        {
            TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(BaseOf(alias), name));
            Assert.StartsWith("yes (3 files, sha256", CliAssert.Cell(result, alias, "Verified"), StringComparison.Ordinal);
            Assert.Equal("published", CliAssert.Cell(result, alias, "Status"));
            Assert.Equal($"{alias}:{BaseOf(alias)}/{name}", CliAssert.Cell(result, alias, "Target"));
        }
        Assert.Equal("FAILED (exit 1)", CliAssert.Cell(result, "gone", "Status"));
        CliAssert.StdoutContains(result, "Syncing to 9 servers (8 at a time)", "Sync FAILED: 8 of 9 servers in sync", "- gone: cannot reach 127.0.0.1:",
            $"To retry the failed: `model-sync push {name} gone --parallel 8`");
        // Plain progress lines, one prefix per server, since stderr is not a terminal.
        Assert.Contains("[s3] published: 3 files", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("[gone] FAILED: cannot reach", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b[", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgainNothingIsSentAndEachServerSaysUpToDate()
    {
        var name = SmallModel("TTS");
        CliAssert.Exit(await Cli("push", name, "s1", "s2", "s3"), 0);

        var again = await Cli("push", name, "s1", "s2", "s3");

        CliAssert.Exit(again, 0);
        foreach (var alias in new[] { "s1", "s2", "s3" })
        {
            Assert.Equal("already up to date", CliAssert.Cell(again, alias, "Status"));
            Assert.Equal("0B", CliAssert.Cell(again, alias, "Sent"));
        }
        CliAssert.StdoutContains(again, "Sync complete: 3 of 3 servers in sync");
        CliAssert.StdoutLacks(again, "To retry");
    }

    [Fact]
    public async Task AGroupPathAppliesToEveryMemberAndAliasesKeepTheirOwn()
    {
        var name = SmallModel("LID");

        var result = await Cli("push", name, $"@pair:grp-{Id}/", $"s3:own-{Id}/renamed");

        CliAssert.Exit(result, 0);
        TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(BaseOf("s1"), $"grp-{Id}", name));
        TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(BaseOf("s2"), $"grp-{Id}", name));
        TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(BaseOf("s3"), $"own-{Id}", "renamed"));
    }

    [Fact]
    public async Task TheSourceIsHashedOnceForAllServers()
    {
        var name = SmallModel("HSH");

        var result = await CliRunner.RunAsync(["push", name, "@pair", "s3", "s4"], ConfigPath,
            new Dictionary<string, string> { ["MODEL_SYNC_TRACE"] = "1" }, Work);

        CliAssert.Exit(result, 0);
        // Each hashing process shows in the trace as the hash script with its directory (cut short, but the source's
        // starts with this test's working directory, the stages with each server's model_base).
        var sourceHashing = result.Stderr.Split('\n').Count(l => l.StartsWith("trace:", StringComparison.Ordinal)
            && l.Contains($"/work-{Id}/", StringComparison.Ordinal) && l.EndsWith(" lines", StringComparison.Ordinal));
        Assert.True(sourceHashing == 1, $"the source was hashed {sourceHashing} times\n{result}");
    }

    [Fact]
    public async Task JsonHasOneObjectPerServerAndTheRetryCommand()
    {
        var name = SmallModel("VAD");

        var result = await Cli("--json", "push", name, "s4", "gone", "s5");

        CliAssert.Exit(result, 1);
        var valid = JsonSchemas.Valid(result, "push-fleet.schema.json");
        var published = valid["servers"]![0]!["result"];
        Assert.Empty(JsonSchemas.Problems(JsonSchemas.Load(JsonSchemas.FileFor("push")), published));
        using var doc = CliAssert.Json(result);
        var root = doc.RootElement;
        Assert.False(root.GetProperty("ok").GetBoolean());
        Assert.Equal(1, root.GetProperty("exit_code").GetInt32());
        var servers = root.GetProperty("servers").EnumerateArray().ToList();
        Assert.Equal(["s4", "gone", "s5"], servers.Select(s => s.GetProperty("server").GetString()));
        Assert.Equal("published", servers[0].GetProperty("status").GetString());
        Assert.True(servers[0].GetProperty("result").GetProperty("verified").GetBoolean());
        Assert.Equal("failed", servers[1].GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, servers[1].GetProperty("result").ValueKind);
        Assert.Contains("cannot reach", servers[1].GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["gone"], root.GetProperty("failed").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal($"model-sync --json push {name} gone", root.GetProperty("retry_command").GetString());
    }

    [Fact]
    public async Task DeleteListsEachServerAndWithoutYesRefusesOnlyWhereSomethingWouldGo()
    {
        var name = SmallModel("DEL");
        CliAssert.Exit(await Cli("push", name, "@pair"), 0);
        File.WriteAllText(Path.Combine(BaseOf("s1"), name, "stray.txt"), "only on s1");

        var refused = await Cli("push", name, "@pair", "--delete");

        CliAssert.Exit(refused, 2);
        CliAssert.StdoutContains(refused, "## Files to delete on s1 (--delete): 1", "- stray.txt", "- s1: --delete would remove 1 file",
            $"To retry the failed: `model-sync push {name} s1 --delete`");
        CliAssert.StdoutLacks(refused, "## Files to delete on s2");
        Assert.True(File.Exists(Path.Combine(BaseOf("s1"), name, "stray.txt")));

        var confirmed = await Cli("push", name, "@pair", "--delete", "--yes");

        CliAssert.Exit(confirmed, 0);
        Assert.False(File.Exists(Path.Combine(BaseOf("s1"), name, "stray.txt")));
    }

    [Fact]
    public async Task AKindChangeOnOneServerRefusesOnlyThatServerUntilDeleteYes()
    {
        var name = SmallModel("KND");
        CliAssert.Exit(await Cli("push", name, "@pair"), 0);
        var s1 = Path.Combine(BaseOf("s1"), name);
        Directory.Delete(Path.Combine(s1, "tokenizer"), recursive: true);
        File.WriteAllText(Path.Combine(s1, "tokenizer"), "a file where the model has a directory");

        var refused = await Cli("push", name, "@pair");

        CliAssert.Exit(refused, 2);
        Assert.Equal("FAILED (exit 2)", CliAssert.Cell(refused, "s1", "Status"));
        CliAssert.StdoutContains(refused, "- s1: ", "tokenizer (a file, replaced by a directory)", "run again with --delete --yes");
        Assert.Equal("a file where the model has a directory", File.ReadAllText(Path.Combine(s1, "tokenizer")));

        CliAssert.Exit(await Cli("push", name, "@pair", "--delete", "--yes"), 0);
        TreeComparer.AssertSameTree(Path.Combine(Work, name), s1);
    }

    [Fact]
    public async Task UnknownGroupIsOneErrorBeforeAnythingIsSent()
    {
        var name = SmallModel("ERR");

        var result = await Cli("push", name, "@flet");

        CliAssert.Error(result, 2, "unknown group '@flet' — did you mean '@fleet'?", "groups:");
        Assert.False(Directory.Exists(Path.Combine(BaseOf("s1"), name)));
    }
}

using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Fleet;

/// <summary>
/// <c>push @group --relay</c> on eight real sshd servers: pushed once from here, then copied server to server by the
/// direct route. Each server's <c>direct:</c> gives the others its host key and its key file, as for <c>copy --direct</c>.
/// </summary>
[Collection("sshd fleet")]
public sealed class FleetRelayTests(SshdFleetFixture fleet) : FleetTestBase(fleet)
{
    private const string RelayGroups = """
          fleet: [s1, s2, s3, s4, s5, s6, s7, s8]
          seedless: [gone, s1, s2, s3, s4, s5, s6, s7, s8]
          middle: [s1, s2, s3, gone, s4, s5, s6, s7, s8]
        """;

    [Fact]
    public async Task EightServersGetOnePushFromHereAndSevenCopiesServerToServer()
    {
        var name = SmallModel("RLY");
        var config = RelayConfig(_ => true);

        var result = await Cli(config, "push", name, "@fleet", "--relay", "--parallel", "4");

        CliAssert.Exit(result, 0);
        var from = new List<string>();
        foreach (var alias in Aliases)
        {
            TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(BaseOf(alias), name));
            Assert.StartsWith("yes (3 files, sha256", CliAssert.Cell(result, alias, "Verified"), StringComparison.Ordinal);
            Assert.Equal("published", CliAssert.Cell(result, alias, "Status"));
            from.Add(CliAssert.Cell(result, alias, "From"));
        }
        Assert.Equal("pushed from this machine", from[0]);
        Assert.Equal("copied from s1", from[1]);
        Assert.All(from.Skip(1), f => Assert.Matches("^copied from s[1-8]$", f));
        // A tree, not a star: some server that got its copy from s1 passed it on.
        Assert.Contains(from, f => f != "copied from s1" && f.StartsWith("copied from", StringComparison.Ordinal));
        CliAssert.StdoutContains(result, "Syncing to 8 servers (relay: pushed once, then server to server, 4 at a time)", "Sync complete: 8 of 8 servers in sync");
        var summary = result.Stdout.Split('\n').Single(l => l.StartsWith("Sync complete", StringComparison.Ordinal));
        // The uplink carried one copy: what left this machine is s1's push alone.
        Assert.Matches(@"servers in sync, \S+ sent \((\S+) from this machine\)", summary);
        Assert.Equal(CliAssert.Cell(result, "s1", "Sent"), System.Text.RegularExpressions.Regex.Match(summary, @"\((\S+) from this machine").Groups[1].Value);
        CliAssert.StdoutLacks(result, "warning:");
        Assert.Contains("[s5] published: 3 files", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DryRunShowsTheRouteEachServerWouldTakeAndChangesNothing()
    {
        var name = SmallModel("DRY");
        var config = RelayConfig(_ => true);

        var result = await Cli(config, "push", name, "@fleet", "--relay", "--parallel", "4", "--dry-run");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "Syncing to 8 servers (relay: pushed once, then server to server, 4 at a time)",
            "## Plan (dry run: nothing was changed)", "Dry run on 8 servers");
        Assert.Equal("would be pushed from this machine", CliAssert.Cell(result, "s1", "From"));
        Assert.Equal("would be copied from s1", CliAssert.Cell(result, "s2", "From"));
        foreach (var alias in Aliases)
        {
            Assert.StartsWith("would send 3 files", CliAssert.Cell(result, alias, "Status"), StringComparison.Ordinal);
            Assert.False(Directory.Exists(Path.Combine(BaseOf(alias), name)), $"{alias} got {name} in a dry run\n{result}");
        }
        Assert.All(Aliases.Skip(1), a => Assert.Matches("^would be copied from s[1-8]$", CliAssert.Cell(result, a, "From")));

        var json = await Cli(config, "--json", "push", name, "@fleet", "--relay", "--dry-run");

        CliAssert.Exit(json, 0);
        using var doc = CliAssert.Json(json);
        Assert.True(doc.RootElement.GetProperty("relay").GetBoolean());
        Assert.True(doc.RootElement.GetProperty("dry_run").GetBoolean());
        var servers = doc.RootElement.GetProperty("servers").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, servers[0].GetProperty("copied_from").ValueKind);
        Assert.All(servers.Skip(1), s => Assert.Contains(s.GetProperty("copied_from").GetString(), Aliases));
        Assert.All(servers, s => Assert.Equal("dry_run", s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task WhenTheSeedIsDownTheNextServerIsPushedAndTheDownServerIsRetriedAlone()
    {
        var name = SmallModel("SED");
        var config = RelayConfig(_ => true);

        var result = await Cli(config, "--json", "push", name, "@seedless", "--relay", "--parallel", "8");

        CliAssert.Exit(result, 1);
        using var doc = CliAssert.Json(result);
        var root = doc.RootElement;
        Assert.True(root.GetProperty("relay").GetBoolean());
        var servers = root.GetProperty("servers").EnumerateArray().ToList();
        Assert.Equal(["gone", .. Aliases], servers.Select(s => s.GetProperty("server").GetString()));
        Assert.Equal("failed", servers[0].GetProperty("status").GetString());
        Assert.Contains("cannot reach", servers[0].GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, servers[1].GetProperty("copied_from").ValueKind);
        Assert.StartsWith("tar over ssh", servers[1].GetProperty("result").GetProperty("transport").GetString(), StringComparison.Ordinal);
        foreach (var server in servers.Skip(2))
        {
            var source = server.GetProperty("copied_from").GetString()!;
            Assert.Contains(source, Aliases);
            Assert.Equal("published", server.GetProperty("status").GetString());
            Assert.StartsWith($"direct {source} → {server.GetProperty("server").GetString()}",
                server.GetProperty("result").GetProperty("transport").GetString(), StringComparison.Ordinal);
        }
        foreach (var alias in Aliases) TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(BaseOf(alias), name));
        Assert.Equal($"model-sync --json push {name} gone --relay --parallel 8", root.GetProperty("retry_command").GetString());
    }

    [Fact]
    public async Task ABrokenServerIsReportedAndOneTheOthersCannotReachIsPushedFromHereWithAWarning()
    {
        var name = SmallModel("BRK");
        // s8 gives no direct: access, so no other server knows its host key: every route to it fails.
        var config = RelayConfig(alias => alias != "s8");

        var result = await Cli(config, "push", name, "@middle", "--relay");

        CliAssert.Exit(result, 1);
        foreach (var alias in Aliases)
        {
            TreeComparer.AssertSameTree(Path.Combine(Work, name), Path.Combine(BaseOf(alias), name));
            Assert.Equal("published", CliAssert.Cell(result, alias, "Status"));
        }
        Assert.Equal("FAILED (exit 1)", CliAssert.Cell(result, "gone", "Status"));
        Assert.Matches("^copied from s[1-7]$", CliAssert.Cell(result, "gone", "From"));
        Assert.Equal("pushed from this machine", CliAssert.Cell(result, "s8", "From"));
        Assert.Equal(2, Aliases.Count(a => CliAssert.Cell(result, a, "From") == "pushed from this machine"));
        CliAssert.StdoutContains(result, "Sync FAILED: 8 of 9 servers in sync", "- gone: cannot reach 127.0.0.1:",
            "warning: s8: copy from s", "cannot reach s8", "host key is not known", "; pushed from this machine instead",
            $"To retry the failed: `model-sync push {name} gone --relay`");
    }

    [Fact]
    public async Task DefaultsRelayTurnsItOnAndNoRelayTurnsItOff()
    {
        var name = SmallModel("DFR");
        var config = RelayConfig(_ => true);
        File.WriteAllText(config, File.ReadAllText(config).Replace("defaults:\n", "defaults:\n  relay: true\n", StringComparison.Ordinal));

        var relayed = await Cli(config, "push", name, "s1", "s2");

        CliAssert.Exit(relayed, 0);
        Assert.Equal("copied from s1", CliAssert.Cell(relayed, "s2", "From"));

        var plain = await Cli(config, "push", name, "s3", "s4", "--no-relay");

        CliAssert.Exit(plain, 0);
        CliAssert.StdoutContains(plain, "Syncing to 2 servers (2 at a time)");
        Assert.DoesNotContain("From", CliAssert.Table(plain, "Server").Header);
    }

    /// <summary>The fleet with the relay groups and a closed-port <c>gone</c>; <paramref name="reachable"/> servers get <c>direct:</c> access.</summary>
    private string RelayConfig(Func<string, bool> reachable)
    {
        var directory = Path.Combine(Work, "relay-config");
        Directory.CreateDirectory(directory);
        var first = Fleet.Servers[0];
        return Fleet.WriteConfig(directory, RelayGroups, alias => reachable(alias) ? TestConfig.DirectAccess(Fleet[alias]) : [],
            TestConfig.Ssh(first, "gone", first.BaseA) with { Port = ClosedPort.Get() });
    }

    private Task<CliResult> Cli(string config, params string[] args) => CliRunner.RunAsync(args, config, workingDirectory: Work);
}

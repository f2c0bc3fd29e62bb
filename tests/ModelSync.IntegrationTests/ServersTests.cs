using System.Globalization;
using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary><c>servers</c>: the configured aliases; with <c>--check</c>, whether each one answers.</summary>
[Collection("sshd")]
public sealed class ServersTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private string Port => Sshd.Port.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task ListsAliasesAsATable()
    {
        var result = await CliOk("servers");

        CliAssert.StdoutContains(result, "## Servers", $"Config: {ConfigPath}", "| Alias | Host | User | Model base |");
        Assert.Equal(["alpha", $"127.0.0.1:{Port}", Sshd.UserName, Sshd.BaseA], CliAssert.Row(result, "alpha"));
        Assert.Equal(["beta", $"127.0.0.1:{Port}", Sshd.UserName, Sshd.BaseB], CliAssert.Row(result, "beta"));
        Assert.Equal(["local", "(this machine)", "—", Sshd.LocalBase], CliAssert.Row(result, "local"));
    }

    [Fact]
    public async Task CheckShowsReachableLatencyAndRsyncVersion()
    {
        var rsyncVersion = await LocalRsyncVersionAsync();

        var result = await CliOk("servers", "--check");

        CliAssert.StdoutContains(result, "| Alias | Host | User | Model base | Reachable | Latency | rsync | Free |");
        foreach (var alias in new[] { "alpha", "beta", "local" })
        {
            Assert.Equal("yes", CliAssert.Cell(result, alias, "Reachable"));
            Assert.Matches(new Regex(@"^\d+(\.\d)? ms$"), CliAssert.Cell(result, alias, "Latency"));
            Assert.Equal(rsyncVersion, CliAssert.Cell(result, alias, "rsync"));
            Assert.Matches(new Regex(@"^[\d.]+(B|KiB|MiB|GiB|TiB|PiB)$"), CliAssert.Cell(result, alias, "Free"));
        }
    }

    [Fact]
    public async Task ALocalAliasChecksOutWithoutRsyncBecauseItCopiesWithoutIt()
    {
        var env = new Dictionary<string, string> { ["PATH"] = LocalPathWithout("rsync") };

        var result = await CliRunner.RunAsync(["servers", "--check", "local"], ConfigPath, env, Work);

        CliAssert.Exit(result, 0);
        Assert.Equal("yes", CliAssert.Cell(result, "local", "Reachable"));
        Assert.Equal("—", CliAssert.Cell(result, "local", "rsync"));
    }

    [Fact]
    public async Task ClosedPortShowsNoAndExitsOne()
    {
        var closed = ClosedPort.Get();
        var config = TestConfig.Write(Work,
            TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA),
            TestConfig.Ssh(Sshd, "gone", Sshd.BaseA) with { Port = closed });

        var result = await CliWith(config, "servers", "--check");

        CliAssert.Exit(result, 1);
        Assert.Equal("yes", CliAssert.Cell(result, "alpha", "Reachable"));
        var gone = CliAssert.Cell(result, "gone", "Reachable");
        Assert.StartsWith("no — ", gone, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closed}", gone, StringComparison.Ordinal);
        Assert.Equal("—", CliAssert.Cell(result, "gone", "Latency"));

        var json = await CliWith(config, "--json", "servers", "--check");
        CliAssert.Exit(json, 1);
        using var doc = CliAssert.Json(json);
        var checks = doc.RootElement.GetProperty("servers").EnumerateArray()
            .ToDictionary(s => s.GetProperty("alias").GetString()!, s => s.GetProperty("check"), StringComparer.Ordinal);
        Assert.True(checks["alpha"].GetProperty("reachable").GetBoolean());
        Assert.False(checks["gone"].GetProperty("reachable").GetBoolean());
        Assert.Contains("127.0.0.1:" + closed.ToString(CultureInfo.InvariantCulture), checks["gone"].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    private static async Task<string> LocalRsyncVersionAsync()
    {
        var line = (await TestProcess.RunOkAsync("rsync", "--version")).Split('\n')[0];
        var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words[Array.IndexOf(words, "version") + 1];
    }
}

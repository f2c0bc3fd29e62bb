using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary><c>exec</c>: the command runs in the server's shell; its output and exit code come back as they are.</summary>
[Collection("sshd")]
public sealed class ExecTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const string Command = "echo \"out:$HOME\"; echo err-line >&2; exit 7";

    [Fact]
    public async Task StreamsStdoutAndStderrAndPassesTheExitCodeThrough()
    {
        var result = await Cli("exec", "alpha", Command);

        CliAssert.Exit(result, 7);
        Assert.Equal($"out:{Sshd.RemoteHome}\n", result.Stdout);
        Assert.Contains("err-line", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("error:", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SucceedsWithZeroAndJoinsSeveralWords()
    {
        var marker = Path.Combine(Sshd.BaseA, "exec-" + Id);

        var result = await Cli("exec", "alpha", "mkdir", "-p", marker, "&&", "echo", "made");

        CliAssert.Exit(result, 0);
        Assert.Equal("made\n", result.Stdout);
        Assert.True(Directory.Exists(marker), $"the command did not run on the server\n{result}");
    }

    [Fact]
    public async Task JsonCarriesExitCodeStdoutAndStderr()
    {
        var result = await Cli("--json", "exec", "alpha", Command);

        CliAssert.Exit(result, 7);
        using var doc = CliAssert.Json(result);
        var root = doc.RootElement;
        Assert.Equal(7, root.GetProperty("exit_code").GetInt32());
        Assert.Equal($"out:{Sshd.RemoteHome}\n", root.GetProperty("stdout").GetString());
        Assert.Equal("err-line\n", root.GetProperty("stderr").GetString());
        Assert.Equal("alpha", root.GetProperty("server").GetString());
    }
}

using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Remotes;

namespace ModelSync.Tests.Fleet;

public sealed class DirectRouteTests
{
    private static readonly ServerAlias Reaper = new("reaper", "reaper.internal", "june", 22, "/models", "/home/me/.ssh/id", []);

    private static readonly ServerAlias Doomfist = new("doomfist", "doomfist.example.com", "june", 2222, "/models", "/home/me/.ssh/id",
        [new("UserKnownHostsFile", "/home/me/.ssh/known")]);

    [Fact]
    public void ByDefaultTheAliasHostPortAndUserWithoutItsLocalKeyOrOptions()
    {
        var route = DirectRoute.To(Doomfist);

        Assert.Equal("june@doomfist.example.com:2222", route.Display);
        Assert.Equal(["ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3", "-p", "2222", "-l", "june"],
            route.SshCommand);
    }

    [Fact]
    public void DirectSettingsOverrideHostPortUserAndBringTheirOwnOptions()
    {
        var route = DirectRoute.To(Doomfist with { Direct = new DirectReach("10.0.0.12", null, "svc", [new("StrictHostKeyChecking", "accept-new")]) });

        Assert.Equal("svc@10.0.0.12:2222", route.Display);
        Assert.Equal("ssh -p 2222 svc@10.0.0.12", route.ManualLogin);
        Assert.Equal(["-o", "StrictHostKeyChecking=accept-new"], route.SshCommand.Skip(3).Take(2));
    }

    [Theory]
    [InlineData("Host key verification failed.", false, "doomfist's host key is not known on reaper", "StrictHostKeyChecking: accept-new")]
    [InlineData("june@10.0.0.12: Permission denied (publickey).", false, "authentication failed", "set forward_agent: true on reaper")]
    [InlineData("june@10.0.0.12: Permission denied (publickey).", true, "authentication failed (with your agent forwarded)", "ssh-add -l")]
    [InlineData("ssh: connect to host 10.0.0.12 port 2222: Connection refused", false, "Connection refused", "servers.doomfist.direct.host")]
    public void FailuresSayWhichServerCannotReachWhichAndTheFix(string stderr, bool agent, string message, string fix)
    {
        var error = DirectFailure.Classify(Reaper, DirectRoute.To(Doomfist), agent, stderr);

        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.StartsWith("reaper cannot reach doomfist (june@doomfist.example.com:2222) for copy --direct", error.Message, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(fix, error.Fix, StringComparison.Ordinal);
        Assert.Contains("without --direct", error.Fix, StringComparison.Ordinal);
    }
}

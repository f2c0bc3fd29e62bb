using ModelSync.Config;
using ModelSync.Remotes;

namespace ModelSync.Tests.Remotes;

public sealed class SshArgsTests
{
    private static readonly string[] BuiltInDefaults = ["-o", "ConnectTimeout=10", "-o", "ServerAliveInterval=15", "-o", "ServerAliveCountMax=3"];

    private static ServerAlias Alias(
        string? user = null,
        int? port = null,
        string? key = null,
        params KeyValuePair<string, string>[] options) =>
        new("reaper", "reaper.internal", user, port, "/models", key, options);

    [Fact]
    public void MinimalAliasGetsBatchModeAndBuiltInDefaultsOnly() =>
        Assert.Equal(["-o", "BatchMode=yes", .. BuiltInDefaults], SshArgs.Options(Alias(), null, startMaster: false));

    [Fact]
    public void FullAliasGetsEveryOptionInOrder()
    {
        var alias = Alias("june", 2222, "/home/june/.ssh/id_rsa", new("StrictHostKeyChecking", "accept-new"), new("ProxyJump", "bastion"));

        Assert.Equal(
            [
                "-o", "BatchMode=yes",
                "-o", "ControlPath=/tmp/ms-x/%C", "-o", "ControlMaster=auto", "-o", "ControlPersist=60",
                "-o", "StrictHostKeyChecking=accept-new", "-o", "ProxyJump=bastion",
                .. BuiltInDefaults,
                "-p", "2222", "-i", "/home/june/.ssh/id_rsa", "-l", "june",
            ],
            SshArgs.Options(alias, "/tmp/ms-x/%C", startMaster: true));
    }

    [Theory]
    [InlineData(null, null, null, new string[0])]
    [InlineData("june", null, null, new[] { "-l", "june" })]
    [InlineData(null, 2222, null, new[] { "-p", "2222" })]
    [InlineData(null, null, "/k/id", new[] { "-i", "/k/id" })]
    [InlineData("june", 22, "/k/id", new[] { "-p", "22", "-i", "/k/id", "-l", "june" })]
    public void PortKeyAndUserAppearOnlyWhenSet(string? user, int? port, string? key, string[] expectedTail)
    {
        var args = SshArgs.Options(Alias(user, port, key), null, startMaster: false);

        Assert.Equal(expectedTail, args.Skip(2 + BuiltInDefaults.Length));
        foreach (var flag in new[] { "-p", "-i", "-l" })
            Assert.Equal(expectedTail.Contains(flag), args.Contains(flag));
    }

    [Fact]
    public void BatchModeComesFirstSoAUserOptionCannotTurnItOff()
    {
        var args = SshArgs.Options(Alias(options: new KeyValuePair<string, string>("BatchMode", "no")), "/c/%C", startMaster: true);

        Assert.Equal(["-o", "BatchMode=yes"], args.Take(2));
        Assert.True(args.ToList().IndexOf("BatchMode=yes") < args.ToList().IndexOf("BatchMode=no"));
    }

    [Fact]
    public void UserSshOptionsComeBeforeBuiltInDefaultsSoTheyWin()
    {
        var args = SshArgs.Options(Alias(options: new KeyValuePair<string, string>("ConnectTimeout", "60")), null, startMaster: false).ToList();

        Assert.True(args.IndexOf("ConnectTimeout=60") < args.IndexOf("ConnectTimeout=10"));
    }

    [Theory]
    [InlineData(true, new[] { "ControlPath=/c/%C", "ControlMaster=auto", "ControlPersist=60" })]
    [InlineData(false, new[] { "ControlPath=/c/%C", "ControlMaster=no" })]
    public void ControlOptionsFollowTheMasterRole(bool startMaster, string[] expected)
    {
        var args = SshArgs.Options(Alias(), "/c/%C", startMaster);

        var control = args.Where(a => a.StartsWith("Control", StringComparison.Ordinal)).ToArray();
        Assert.Equal(expected, control);
        Assert.All(control, option => Assert.Equal("-o", args[args.ToList().IndexOf(option) - 1]));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void NoControlPathMeansNoControlOptions(bool startMaster) =>
        Assert.DoesNotContain(SshArgs.Options(Alias(), null, startMaster), a => a.StartsWith("Control", StringComparison.Ordinal));

    [Fact]
    public void CommandPutsDoubleDashBeforeHostAndTheCommandLast() =>
        Assert.Equal(
            ["-o", "BatchMode=yes", "--", "reaper.internal", "'sh' '-c' 'true'"],
            SshArgs.Command(["-o", "BatchMode=yes"], "reaper.internal", "'sh' '-c' 'true'"));

    [Fact]
    public void ExitMasterClosesTheSharedConnection() =>
        Assert.Equal(
            ["-o", "ControlPath=/c/%C", "-O", "exit", "--", "reaper.internal"],
            SshArgs.ExitMaster("/c/%C", "reaper.internal"));
}

using System.Globalization;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>ssh failing to connect or log in: exit code 1 and a line that says what to do.</summary>
[Collection("sshd")]
public sealed class ConnectionErrorTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private string Port => Sshd.Port.ToString(CultureInfo.InvariantCulture);

    private string Model => "m-" + Id;

    private void CreateModel() => Tree(Model).File("w.bin", "w\n");

    [Fact]
    public async Task UnreachableHostNamesAddressAndSuggestsServersCheck()
    {
        CreateModel();
        var closed = ClosedPort.Get();
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA) with { Port = closed });

        var result = await CliWith(config, "push", "./" + Model, "alpha");

        CliAssert.Error(result, 1, "cannot reach", $"127.0.0.1:{closed}", "model-sync servers --check");
        Assert.DoesNotContain("## Result", result.Stdout, StringComparison.Ordinal);

        var json = await CliWith(config, "--json", "pull", "alpha:m", "./back/");
        CliAssert.JsonError(json, 1, $"127.0.0.1:{closed}", "servers --check");
        Assert.False(Directory.Exists(Path.Combine(Work, "back")), "a failed pull created the local target");
    }

    [Fact]
    public async Task RejectedKeyReportsAuthenticationFailure()
    {
        CreateModel();
        var otherKey = Path.Combine(Work, "unauthorized_key");
        await TestProcess.RunOkAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ms-it-unauthorized", "-f", otherKey);
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA) with { SshKey = otherKey });

        var result = await CliWith(config, "push", "./" + Model, "alpha");

        CliAssert.Error(result, 1, $"authentication to 127.0.0.1:{Port}", "ssh-add -l", "ssh_key");
        Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, Model)), "push went through with an unauthorized key");
    }

    [Fact]
    public async Task UnknownHostKeySuggestsAcceptNewAndAcceptNewWorks()
    {
        CreateModel();
        var emptyKnownHosts = Path.Combine(Work, "empty_known_hosts");
        File.WriteAllText(emptyKnownHosts, "");
        var strict = TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA) with
        {
            SshOptions = [new("UserKnownHostsFile", emptyKnownHosts), new("StrictHostKeyChecking", "yes"), new("GlobalKnownHostsFile", "/dev/null")],
        };
        var config = TestConfig.Write(Work, strict);

        var result = await CliWith(config, "push", "./" + Model, "alpha");

        CliAssert.Error(result, 1, $"host key of 127.0.0.1:{Port}", "not known", "accept-new");
        Assert.Equal("", File.ReadAllText(emptyKnownHosts));
        Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, Model)), "push went through to an unknown host");

        var acceptNew = TestConfig.Write(Work, strict with
        {
            SshOptions = [new("UserKnownHostsFile", emptyKnownHosts), new("StrictHostKeyChecking", "accept-new"), new("GlobalKnownHostsFile", "/dev/null")],
        });
        var accepted = await CliWith(acceptNew, "push", "./" + Model, "alpha");
        CliAssert.Exit(accepted, 0);
        // The key was recorded (possibly hashed, per the system's HashKnownHosts): ssh-keygen -F finds it.
        await TestProcess.RunOkAsync("ssh-keygen", "-F", $"[127.0.0.1]:{Port}", "-f", emptyKnownHosts);
        TreeComparer.AssertSameTree(Path.Combine(Work, Model), Path.Combine(Sshd.BaseA, Model));
    }
}

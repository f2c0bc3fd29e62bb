using ModelSync.Config;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>The same contract over a real OpenSSH connection to the fixture's sshd.</summary>
[Collection("sshd")]
public sealed class SshRemoteConformanceTests(SshdFixture sshd) : RemoteConformanceTests
{
    private readonly string _root = Path.Join(sshd.BaseA, "conformance-" + Guid.NewGuid().ToString("N"));

    protected override string Root => _root;

    protected override IRemote Create() => new SshRemote(
        new ServerAlias("alpha", "127.0.0.1", sshd.UserName, sshd.Port, sshd.BaseA, sshd.ClientKeyPath,
            [new("UserKnownHostsFile", sshd.KnownHostsPath), new("StrictHostKeyChecking", "yes")]),
        ProcessRunner.Instance);

    [Fact]
    public async Task ARemoteTildeModelBaseResolvesToTheServerHome()
    {
        await using var remote = new SshRemote(
            new ServerAlias("home", "127.0.0.1", sshd.UserName, sshd.Port, "~/models", sshd.ClientKeyPath,
                [new("UserKnownHostsFile", sshd.KnownHostsPath), new("StrictHostKeyChecking", "yes")]),
            ProcessRunner.Instance);

        var probe = await remote.ConnectAsync(CancellationToken.None);

        Assert.Equal(Path.Join(sshd.RemoteHome, "models"), probe.ModelBase);
        Assert.NotNull(probe.RsyncVersion);
    }
}

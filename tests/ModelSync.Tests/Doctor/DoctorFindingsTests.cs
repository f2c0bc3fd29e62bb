using ModelSync.Doctor;
using ModelSync.Remotes;

namespace ModelSync.Tests.Doctor;

public sealed class DoctorFindingsTests
{
    [Fact]
    public void WhateverAChattyShellPrintedBeforeTheMarkerIsIgnored()
    {
        var stdout = "Welcome!\nhome=/fake\nmodel-sync-doctor\nhome=/home/june\nrsync=rsync  version 3.2.7  protocol version 31\ntool=openssl\ntool=sha256sum\nnow=1764370000\n";
        var inspection = RemoteInspection.Parse(stdout);
        Assert.NotNull(inspection);
        Assert.Equal("/home/june", inspection.Home);
        Assert.Equal("rsync  version 3.2.7  protocol version 31", inspection.RsyncVersion);
        Assert.Equal(["openssl", "sha256sum"], inspection.HashTools);
        Assert.Equal(1764370000, inspection.Now);
    }

    [Fact]
    public void AnEmptyRsyncLineMeansNoRsync()
    {
        var inspection = RemoteInspection.Parse("model-sync-doctor\r\nhome=/root\r\nrsync=\r\nnow=x\r\n");
        Assert.NotNull(inspection);
        Assert.Null(inspection.RsyncVersion);
        Assert.Empty(inspection.HashTools);
        Assert.Null(inspection.Now);
    }

    [Fact]
    public void WithoutTheMarkerThereIsNoAnswer()
    {
        Assert.Null(RemoteInspection.Parse("home=/root\n"));
        Assert.Null(ModelBaseProbe.Parse(""));
        Assert.Null(ModelBaseProbe.Parse("model-sync-doctor\nfree=12\n"));
    }

    [Theory]
    [InlineData("~", "/home/june", "/home/june")]
    [InlineData("~/models", "/home/june/", "/home/june/models")]
    [InlineData("/data/models", "/home/june", "/data/models")]
    [InlineData("~/models", null, "~/models")]
    [InlineData("~other/models", "/home/june", "~other/models")]
    public void ARemoteTildeResolvesAgainstTheHomeDirectory(string configured, string? home, string expected) =>
        Assert.Equal(expected, RemoteInspection.ResolveModelBase(configured, home));

    [Fact]
    public void ModelBaseProbeReadsStateWritabilityAndFreeBytes()
    {
        var probe = ModelBaseProbe.Parse("model-sync-doctor\nstate=missing\nancestor=/data\nwritable=no\nerror=mktemp: failed: Permission denied\nfree=2048\n");
        Assert.Equal(new ModelBaseProbe("missing", "/data", "no", "mktemp: failed: Permission denied", 2048 * 1024), probe);
    }

    [Fact]
    public void SshGOutputGivesHostPortUserKeysAndProxy()
    {
        const string output = """
            user june
            hostname reaper.internal
            port 2222
            identityfile ~/.ssh/id_rsa
            identityfile ~/.ssh/id_ed25519
            proxycommand none
            proxyjump bastion.example
            batchmode yes
            """;
        var settings = SshSettings.Parse(output);
        Assert.NotNull(settings);
        Assert.Equal("reaper.internal", settings.HostName);
        Assert.Equal(2222, settings.Port);
        Assert.Equal("june", settings.User);
        Assert.Equal(["~/.ssh/id_rsa", "~/.ssh/id_ed25519"], settings.IdentityFiles);
        Assert.Equal("ProxyJump bastion.example", settings.Proxy);
    }

    [Fact]
    public void SshGWithoutProxyOrPortDefaultsTo22AndNoProxy()
    {
        var settings = SshSettings.Parse("hostname 10.0.0.7\nproxycommand none\n");
        Assert.NotNull(settings);
        Assert.Equal(22, settings.Port);
        Assert.Null(settings.Proxy);
        Assert.Null(SshSettings.Parse("command-line line 0: Bad configuration option: foo\n"));
    }
}

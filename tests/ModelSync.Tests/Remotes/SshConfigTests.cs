using System.Text;
using ModelSync.Config;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Tests.Remotes;

public sealed class SshConfigTests
{
    private const string Printed = "user june\nhostname reaper.internal\nidentityfile ~/.ssh/id_rsa\nidentityfile ~/.ssh/id_ed25519\nciphers chacha20-poly1305@openssh.com,aes128-gcm@openssh.com\n";

    [Fact]
    public void ASettingIsFoundInAnyCaseAndARepeatedOneInOrder()
    {
        var config = new SshConfig(Printed);

        Assert.Equal("chacha20-poly1305@openssh.com,aes128-gcm@openssh.com", config.Get("Ciphers"));
        Assert.Equal(["~/.ssh/id_rsa", "~/.ssh/id_ed25519"], config.All("identityfile"));
        Assert.Null(config.Get("proxyjump"));
    }

    [Fact]
    public void ARefusedQueryHasNoAnswer()
    {
        Assert.NotNull(SshConfig.From(new ProcessResult(0, Encoding.UTF8.GetBytes(Printed), "")));
        Assert.Null(SshConfig.From(new ProcessResult(255, Encoding.UTF8.GetBytes(Printed), "command-line line 0: Bad configuration option: foo")));
        Assert.Null(SshConfig.From(null));
    }

    [Fact]
    public void TheQueryAsksSshWithTheAliasOptionsAndTheBuiltInQueryReadsNoConfig()
    {
        var alias = new ServerAlias("gpu", "gpu.internal", "june", 2222, "/m", null, []);

        var query = SshConfig.Query(alias);

        Assert.Equal("ssh", query.FileName);
        Assert.Equal("-G", query.Arguments[0]);
        Assert.Equal(["--", "gpu.internal"], query.Arguments.TakeLast(2));
        Assert.Equal(["-G", "-F", "/dev/null", "--", "gpu.internal"], SshConfig.BuiltInQuery("gpu.internal").Arguments);
        Assert.Throws<ArgumentException>(() => SshConfig.Query(alias with { Host = null }));
    }
}

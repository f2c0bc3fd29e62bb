using System.Runtime.Versioning;
using ModelSync.Config;
using ModelSync.Doctor;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Doctor;

[SupportedOSPlatform("linux")]
public sealed class SshKeyCheckTests : IDisposable
{
    private const UnixFileMode Rw = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private readonly TempDirectory _dir = new("ms-key");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(0b110_000_000, true)]   // 0600
    [InlineData(0b100_000_000, true)]   // 0400
    [InlineData(0b111_000_000, true)]   // 0700
    [InlineData(0b110_100_000, false)]  // 0640: group may read
    [InlineData(0b110_100_100, false)]  // 0644
    [InlineData(0b110_000_100, false)]  // 0604: others may read
    [InlineData(0b110_010_000, false)]  // 0620: group may write — ssh refuses that too
    [InlineData(0b110_000_001, false)]  // 0601
    public void OnlyOwnerBitsAreSafeAsSshRequires(int mode, bool safe) =>
        Assert.Equal(safe, SshKeyCheck.IsSafe((UnixFileMode)mode));

    [Theory]
    [InlineData(0b110_000_000, "0600")]
    [InlineData(0b110_100_100, "0644")]
    [InlineData(0b111_101_101, "0755")]
    public void ModeIsWrittenInOctal(int mode, string octal) => Assert.Equal(octal, SshKeyCheck.Octal((UnixFileMode)mode));

    [Theory]
    [InlineData("ssh-ed25519 AAAAC3Nza june@box", true)]
    [InlineData("ecdsa-sha2-nistp256 AAAA", true)]
    [InlineData("sk-ssh-ed25519@openssh.com AAAA", true)]
    [InlineData("-----BEGIN OPENSSH PRIVATE KEY-----", false)]
    [InlineData("", false)]
    public void PublicKeysAreRecognized(string firstLine, bool isPublic) =>
        Assert.Equal(isPublic, SshKeyCheck.LooksLikePublicKey(firstLine));

    private string Key(string name, UnixFileMode mode, string firstLine = "-----BEGIN OPENSSH PRIVATE KEY-----")
    {
        var path = Path.Join(_dir.Path, name);
        File.WriteAllText(path, firstLine + "\n");
        File.SetUnixFileMode(path, mode);
        return path;
    }

    [Fact]
    public void APrivateKeyOnlyItsOwnerCanReadPasses()
    {
        var path = Key("id", Rw);
        var check = SshKeyCheck.KeyFile("alpha", path, "ssh_key " + path, "/c.yaml");
        Assert.Equal(CheckStatus.Ok, check.Status);
        Assert.Equal($"ssh_key {path} (mode 0600)", check.Result);
    }

    [Fact]
    public void AKeyOthersCanReadFailsWithChmod600()
    {
        var path = Key("id", Rw | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var check = SshKeyCheck.KeyFile("alpha", path, "ssh_key " + path, "/c.yaml");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Contains("mode 0644", check.Result, StringComparison.Ordinal);
        Assert.Equal($"`chmod 600 {path}`", check.Fix);
    }

    [Fact]
    public void AMissingKeyFileNamesTheConfig()
    {
        var path = Path.Join(_dir.Path, "nope");
        var check = SshKeyCheck.KeyFile("alpha", path, "ssh_key " + path, "/c.yaml");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.EndsWith("no such file", check.Result, StringComparison.Ordinal);
        Assert.Equal("point ssh_key of 'alpha' at your private key in /c.yaml", check.Fix);
    }

    [Fact]
    public void APublicKeyAsSshKeyPointsAtThePrivateOne()
    {
        var path = Key("id.pub", Rw | UnixFileMode.OtherRead, "ssh-ed25519 AAAA me@box");
        var check = SshKeyCheck.KeyFile("alpha", path, "ssh_key " + path, "/c.yaml");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.EndsWith("is a public key", check.Result, StringComparison.Ordinal);
        Assert.Contains($"({path[..^4]})", check.Fix, StringComparison.Ordinal);
    }

    private static ServerAlias Alias(string? key) => new("alpha", "reaper.internal", null, null, "/m", key, []);

    [Fact]
    public void WithoutSshKeyAgentKeysAreEnough()
    {
        var check = SshKeyCheck.Check(Alias(null), SshAgentState.FromExit(0, "256 SHA256:x a (ED25519)\n3072 SHA256:y b (RSA)\n"), null, "/c.yaml");
        Assert.Equal(CheckStatus.Ok, check.Status);
        Assert.Equal("ssh-agent holds 2 keys", check.Result);
    }

    [Fact]
    public void WithoutSshKeyOrAgentADefaultIdentitySshWouldOfferIsChecked()
    {
        var path = Key("id_ed25519", Rw);
        var settings = new SshSettings("reaper.internal", 22, "june", [Path.Join(_dir.Path, "id_rsa"), path], null);
        var check = SshKeyCheck.Check(Alias(null), SshAgentState.FromExit(2, ""), settings, "/c.yaml");
        Assert.Equal(CheckStatus.Ok, check.Status);
        Assert.Contains($"no ssh-agent running; ssh offers {path} (mode 0600)", check.Result, StringComparison.Ordinal);
    }

    [Fact]
    public void NoKeyAnywhereFailsNamingSshKeyAndSshAdd()
    {
        var settings = new SshSettings("reaper.internal", 22, "june", [Path.Join(_dir.Path, "id_rsa")], null);
        var check = SshKeyCheck.Check(Alias(null), SshAgentState.FromExit(1, ""), settings, "/c.yaml");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Contains("ssh-agent holds no keys", check.Result, StringComparison.Ordinal);
        Assert.Contains("set ssh_key: for 'alpha' in /c.yaml", check.Fix, StringComparison.Ordinal);
        Assert.Contains("ssh-add", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AConfiguredSshKeyIsCheckedEvenWhenTheAgentHasKeys()
    {
        var path = Key("id", Rw | UnixFileMode.GroupRead);
        var check = SshKeyCheck.Check(Alias(path), SshAgentState.FromExit(0, "256 SHA256:x a (ED25519)\n"), null, "/c.yaml");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Contains("mode 0640", check.Result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, "256 SHA256:x a (ED25519)\n", 1, "ssh-agent holds 1 key")]
    [InlineData(1, "The agent has no identities.\n", 0, "ssh-agent holds no keys")]
    [InlineData(2, "", 0, "no ssh-agent running")]
    public void SshAddExitCodesAreRead(int exitCode, string stdout, int keys, string description) =>
        Assert.Equal(new SshAgentState(keys, description), SshAgentState.FromExit(exitCode, stdout));
}

using System.Text;
using ModelSync.Config;
using ModelSync.Doctor;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Text;

namespace ModelSync.Tests.Doctor;

public sealed class DoctorVerdictsTests
{
    private static readonly ServerAlias Reaper = new("reaper", "reaper.internal", "june", 2222, "/models", "/home/me/.ssh/id_ed25519", []);
    private static readonly DoctorPlace Remote = new("reaper", IsLocal: false, "june", "/c.yaml");
    private static readonly DoctorPlace Local = new("local", IsLocal: true, "me", "/c.yaml");

    [Fact]
    public void ARejectedKeyFailsAuthenticationAndTheHostKeyWasKnown()
    {
        var failure = SshFailure.Classify(Reaper, "june@reaper.internal: Permission denied (publickey).");
        var rows = DoctorVerdicts.LoginFailed(Reaper, failure);
        Assert.Equal([DoctorStep.HostKey, DoctorStep.Authentication], rows.Select(r => r.Step));
        Assert.Equal([CheckStatus.Ok, CheckStatus.Failed], rows.Select(r => r.Status));
        Assert.Contains("ssh-add -l", rows[1].Fix, StringComparison.Ordinal);
        Assert.Contains("`ssh-copy-id -i /home/me/.ssh/id_ed25519.pub -p 2222 june@reaper.internal`", rows[1].Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("No ED25519 host key is known for [reaper.internal]:2222 and you have requested strict checking.\nHost key verification failed.", "accept-new")]
    [InlineData("@@@ WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED! @@@\nHost key verification failed.", "ssh-keygen -R")]
    [InlineData("Unable to negotiate with 10.0.0.7 port 2222: no matching host key type found. Their offer: ssh-rsa", "HostKeyAlgorithms")]
    [InlineData("kex_exchange_identification: Connection closed by remote host", "servers --check")]
    public void HostKeyAndHandshakeFailuresFailTheHostKeyRowAndSkipAuthentication(string stderr, string fix)
    {
        var rows = DoctorVerdicts.LoginFailed(Reaper, SshFailure.Classify(Reaper, stderr));
        Assert.Equal([CheckStatus.Failed, CheckStatus.Skipped], rows.Select(r => r.Status));
        Assert.Equal(DoctorStep.HostKey, rows[0].Step);
        Assert.Contains(fix, rows[0].Fix, StringComparison.Ordinal);
        Assert.Equal("needs host key", rows[1].Result);
    }

    [Theory]
    [InlineData("bash: line 1: sh: command not found", true)]
    [InlineData("june@reaper.internal: Permission denied (publickey).", false)]
    [InlineData("Host key verification failed.", false)]
    [InlineData("ssh: connect to host reaper.internal port 2222: Connection refused", false)]
    public void OnlySshFailuresWithNoKnownCauseAreUnexplained(string stderr, bool unexplained) =>
        Assert.Equal(unexplained, DoctorVerdicts.IsUnexplainedSshFailure(SshFailure.Classify(Reaper, stderr)));

    [Theory]
    [InlineData("OpenSSH_9.6p1 Ubuntu-3ubuntu13.5, OpenSSL 3.0.13 30 Jan 2024\n", "OpenSSH_9.6p1 Ubuntu-3ubuntu13.5")]
    [InlineData("OpenSSH_for_Windows_8.1p1, LibreSSL 3.0.2", "OpenSSH_for_Windows_8.1p1")]
    [InlineData("\nOpenSSH_7.4p1\n", "OpenSSH_7.4p1")]
    public void SshVersionIsThePartBeforeTheComma(string output, string version) =>
        Assert.Equal(version, DoctorVerdicts.SshVersion(output));

    private static RemoteInspection Inspection(string? rsync = "rsync  version 3.2.7  protocol version 31", string[]? tools = null, long? now = 1000) =>
        new("/home/june", rsync, tools ?? ["openssl", "sha256sum"], now);

    [Fact]
    public void RsyncOnTheServerShowsItsVersionOrHowToInstallIt()
    {
        Assert.Equal(DoctorStep.RemoteRsync.Ok("reaper", "3.2.7"), DoctorVerdicts.RemoteRsync("reaper", Inspection(), ""));
        var missing = DoctorVerdicts.RemoteRsync("reaper", Inspection(rsync: null), "");
        Assert.Equal(CheckStatus.Failed, missing.Status);
        Assert.Contains("apt-get install rsync", missing.Fix, StringComparison.Ordinal);
        var unknown = DoctorVerdicts.RemoteRsync("reaper", null, "exit 127: sh: not found");
        Assert.Equal(CheckStatus.Failed, unknown.Status);
        Assert.Contains("exit 127: sh: not found", unknown.Result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "openssl", "sha256sum", "b3sum", "xxhsum" }, CheckStatus.Ok, "openssl, sha256sum, b3sum, xxhsum")]
    [InlineData(new[] { "sha256sum" }, CheckStatus.Ok, "sha256sum (not found: openssl, b3sum, xxhsum)")]
    [InlineData(new[] { "openssl", "b3sum" }, CheckStatus.Ok, "openssl, b3sum (not found: sha256sum, xxhsum)")]
    [InlineData(new[] { "b3sum" }, CheckStatus.Failed, "b3sum (not found: openssl, sha256sum, xxhsum)")]
    [InlineData(new string[0], CheckStatus.Failed, "none (not found: openssl, sha256sum, b3sum, xxhsum)")]
    public void HashToolsNeedOpensslOrSha256sum(string[] tools, CheckStatus status, string result)
    {
        var check = DoctorVerdicts.HashTools(Remote, Inspection(tools: tools), "");
        Assert.Equal(status, check.Status);
        Assert.Equal(result, check.Result);
    }

    [Theory]
    [InlineData("xxh128", new[] { "openssl", "b3sum" }, CheckStatus.Warning, "install the xxhash package there: defaults.hash is xxh128, which falls back to sha256 without xxhsum")]
    [InlineData("blake3", new[] { "sha256sum", "xxhsum" }, CheckStatus.Warning, "install the b3sum package there: defaults.hash is blake3, which falls back to sha256 without b3sum")]
    [InlineData("xxh128", new[] { "openssl", "xxhsum" }, CheckStatus.Ok, "—")]
    [InlineData("blake3", new[] { "b3sum" }, CheckStatus.Failed, "install openssl or GNU coreutils (sha256sum) there: verification hashes with sha256 at least")]
    public void AFasterDefaultsHashWarnsWhereItsProgramIsMissing(string preferred, string[] tools, CheckStatus status, string fix)
    {
        var check = DoctorVerdicts.HashTools(Remote with { PreferredHash = ModelSync.Hashing.HashFunction.TryParse(preferred)! }, Inspection(tools: tools), "");
        Assert.Equal(status, check.Status);
        Assert.Equal(fix, check.Fix ?? "—");
    }

    [Theory]
    [InlineData(0.4, CheckStatus.Ok, "in step (0 s)")]
    [InlineData(-59.6, CheckStatus.Ok, "60 s behind this machine")]
    [InlineData(60, CheckStatus.Ok, "60 s ahead of this machine")]
    [InlineData(61, CheckStatus.Warning, "61 s ahead of this machine")]
    [InlineData(-3600, CheckStatus.Warning, "3600 s behind this machine")]
    public void ClockSkewWarnsOverAMinute(double skew, CheckStatus status, string result)
    {
        var check = DoctorVerdicts.ClockSkew("reaper", skew);
        Assert.Equal(status, check.Status);
        Assert.Equal(result, check.Result);
        if (status == CheckStatus.Warning) Assert.Contains("timedatectl set-ntp true", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ClockSkewComparesTheServerClockWithOurs()
    {
        Assert.Equal("120 s ahead of this machine", DoctorVerdicts.ClockSkew("reaper", Inspection(now: 1120), "", 1000.2).Result);
        Assert.Equal(CheckStatus.Failed, DoctorVerdicts.ClockSkew("reaper", Inspection(now: null), "", 1000).Status);
    }

    private static ProcessResult Ran(int exitCode, string stdout, string stderr = "") => new(exitCode, Encoding.UTF8.GetBytes(stdout), stderr);

    [Fact]
    public void AShellThatPrintsOnStdoutFailsWithThePS1Guard()
    {
        var check = DoctorVerdicts.ShellOutput("reaper", Ran(0, "Welcome to reaper\nconda activated\n"));
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Contains("prints 34 bytes", check.Result, StringComparison.Ordinal);
        Assert.Contains("\"Welcome to reaper\\nconda activated\"", check.Result, StringComparison.Ordinal);
        Assert.Contains("breaks rsync's protocol", check.Result, StringComparison.Ordinal);
        Assert.Contains("`[ -z \"$PS1\" ] && return`", check.Fix, StringComparison.Ordinal);
        Assert.Contains("~/.bash_profile", check.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ShellOutputIsOkWhenSilentWarnsOnStderrAndFailsOnABadExit()
    {
        Assert.Equal(CheckStatus.Ok, DoctorVerdicts.ShellOutput("reaper", Ran(0, "")).Status);
        Assert.Equal(CheckStatus.Warning, DoctorVerdicts.ShellOutput("reaper", Ran(0, "", "bash: warning: setlocale\n")).Status);
        var failing = DoctorVerdicts.ShellOutput("reaper", Ran(1, "", "bash: /opt/x/init: No such file\n"));
        Assert.Equal(CheckStatus.Failed, failing.Status);
        Assert.Contains("exits 1: bash: /opt/x/init: No such file", failing.Result, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.05, CheckStatus.Ok)]
    [InlineData(0.3, CheckStatus.Ok)]
    [InlineData(0.31, CheckStatus.Warning)]
    [InlineData(2.5, CheckStatus.Warning)]
    public void ABareCommandSlowerThanThreeTenthsWarnsNamingPyenvAndConda(double seconds, CheckStatus status)
    {
        var check = DoctorVerdicts.ShellTime("reaper", TimeSpan.FromSeconds(seconds), "");
        Assert.Equal(status, check.Status);
        Assert.StartsWith(Human.Seconds(seconds) + " per remote command", check.Result, StringComparison.Ordinal);
        if (status == CheckStatus.Warning)
        {
            Assert.Contains("pyenv init", check.Fix, StringComparison.Ordinal);
            Assert.Contains("conda", check.Fix, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ShellTimeFailsWhenNoCommandRan() =>
        Assert.Equal(CheckStatus.Failed, DoctorVerdicts.ShellTime("reaper", null, "no answer within 20 s").Status);

    private static ModelBaseProbe Probe(string state, string? writable, string? error = null, string? ancestor = null, long? free = 5L << 30) =>
        new(state, ancestor, writable, error, free);

    [Fact]
    public void AWritableModelBasePasses()
    {
        Assert.Equal(DoctorStep.ModelBase.Ok("reaper", "/models exists and is writable"),
            DoctorVerdicts.ModelBase(Remote, "/models", Probe("directory", "yes"), ""));
    }

    [Fact]
    public void AReadOnlyFileSystemSaysRemountOrMove()
    {
        var check = DoctorVerdicts.ModelBase(Remote, "/models",
            Probe("directory", "no", "mktemp: failed to create file via template '/models/.model-sync-doctor.XXXXXX': Read-only file system"), "");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Contains("Read-only file system", check.Result, StringComparison.Ordinal);
        Assert.Equal("it is on a read-only file system: remount it read-write, or point model_base of 'reaper' at a writable directory in /c.yaml", check.Fix);
    }

    [Fact]
    public void APermissionProblemNamesTheUserAndTheChown()
    {
        var check = DoctorVerdicts.ModelBase(Remote, "/models", Probe("directory", "no", "mktemp: failed: Permission denied"), "");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Contains("give june write access (`model-sync exec reaper \"sudo chown -R june '/models'\"`)", check.Fix, StringComparison.Ordinal);
        var local = DoctorVerdicts.ModelBase(Local, "/models", Probe("directory", "no", "Permission denied"), "");
        Assert.Contains("(`sudo chown -R me '/models'`)", local.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingModelBaseWarnsWhenTheFirstPushCanCreateItAndFailsOtherwise()
    {
        var creatable = DoctorVerdicts.ModelBase(Remote, "/data/models", Probe("missing", "yes", ancestor: "/data"), "");
        Assert.Equal(CheckStatus.Warning, creatable.Status);
        Assert.Contains("the first push creates it (/data is writable)", creatable.Result, StringComparison.Ordinal);
        var blocked = DoctorVerdicts.ModelBase(Remote, "/data/models", Probe("missing", "no", "Permission denied", ancestor: "/data"), "");
        Assert.Equal(CheckStatus.Failed, blocked.Status);
        Assert.Contains("sudo mkdir -p '/data/models' && sudo chown june '/data/models'", blocked.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileWhereModelBaseShouldBeFails()
    {
        var check = DoctorVerdicts.ModelBase(Remote, "/models", Probe("not-a-directory", null), "");
        Assert.Equal(CheckStatus.Failed, check.Status);
        Assert.Equal("point model_base of 'reaper' at a directory in /c.yaml", check.Fix);
    }

    [Fact]
    public void FreeSpaceIsShownAtModelBaseOrItsNearestAncestor()
    {
        Assert.Equal("5GiB free at /models", DoctorVerdicts.FreeSpace(Remote, "/models", Probe("directory", "yes"), "").Result);
        Assert.Equal("5GiB free at /data", DoctorVerdicts.FreeSpace(Remote, "/data/models", Probe("missing", "yes", ancestor: "/data"), "").Result);
        Assert.Equal(CheckStatus.Failed, DoctorVerdicts.FreeSpace(Remote, "/models", Probe("directory", "yes", free: 0), "").Status);
        Assert.Equal(CheckStatus.Failed, DoctorVerdicts.FreeSpace(Remote, "/models", Probe("directory", "yes", free: null), "").Status);
        Assert.Equal(CheckStatus.Failed, DoctorVerdicts.FreeSpace(Remote, "/models", null, "no answer").Status);
    }

    [Theory]
    [InlineData("short", "short")]
    [InlineData("  two\r\nlines\n", "two\\nlines")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789", "012345678901234567890123456789012345678901234567890123456...")]
    public void ExcerptsAreOneShortLine(string text, string excerpt) => Assert.Equal(excerpt, DoctorVerdicts.Excerpt(text));
}

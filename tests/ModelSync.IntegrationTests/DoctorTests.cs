using System.Globalization;
using System.Runtime.Versioning;
using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// <c>doctor</c> against the real sshd: a healthy server passes every row; a server broken at one step fails exactly
/// that row, with its fix, and exits 1. Tests that change the remote ~/.bashrc put it back in <c>finally</c> (the
/// "sshd" collection runs one test at a time).
/// </summary>
[Collection("sshd")]
[SupportedOSPlatform("linux")]
public sealed class DoctorTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private static readonly string[] ServerRows =
    [
        "ssh key", "DNS", "TCP port", "host key", "authentication", "rsync on server", "model_base writable",
        "free space", "hash tools", "clock skew", "clean shell", "remote command time",
    ];

    private static readonly string[] LocalRows = ["model_base writable", "free space", "hash tools"];

    private string Port => Sshd.Port.ToString(CultureInfo.InvariantCulture);

    private string Bashrc => Path.Combine(Sshd.RemoteHome, ".bashrc");

    /// <summary>Check cell → Result cell, in table order.</summary>
    private static List<(string Check, string Result, string Fix)> Rows(CliResult result) =>
        CliAssert.Table(result, "Check").Rows.Select(r => (r[0], r[1], r[2])).ToList();

    /// <summary>Fails unless <paramref name="check"/> failed and every other row of <paramref name="server"/> before it passed and after it is as given.</summary>
    private static (string Result, string Fix) Failed(CliResult result, string check)
    {
        CliAssert.Exit(result, 1);
        var row = Rows(result).Single(r => r.Check == check);
        Assert.True(row.Result.StartsWith("failed: ", StringComparison.Ordinal), $"{check} did not fail\n{result}");
        Assert.Contains(check, result.Stdout.Split('\n').Last(l => l.Length > 0), StringComparison.Ordinal);
        return (row.Result, row.Fix);
    }

    /// <summary>Every row of the table is ok, except <paramref name="failed"/>; rows listed in <paramref name="skipped"/> are skipped.</summary>
    private static void OnlyFailing(CliResult result, string failed, params string[] skipped)
    {
        foreach (var (check, cell, _) in Rows(result))
        {
            var expected = check == failed ? "failed: " : skipped.Contains(check) ? "skipped: " : "ok: ";
            Assert.True(cell.StartsWith(expected, StringComparison.Ordinal), $"row '{check}' should start with '{expected}': {cell}\n{result}");
        }
    }

    private static string[] After(string server, string step) =>
        ServerRows.SkipWhile(s => s != step).Skip(1).Select(s => $"{server}: {s}").ToArray();

    [Fact]
    public async Task HealthyServersPassEveryCheckAndExitZero()
    {
        var result = await Cli("doctor");

        CliAssert.Exit(result, 0);
        CliAssert.StdoutContains(result, "## Doctor", "| Check | Result | Fix |");
        string[] expected =
        [
            "config", "ssh (this machine)", "rsync (this machine)",
            .. ServerRows.Select(s => "alpha: " + s), .. ServerRows.Select(s => "beta: " + s), .. LocalRows.Select(s => "local: " + s),
        ];
        var rows = Rows(result);
        Assert.Equal(expected, rows.Select(r => r.Check));
        foreach (var (check, cell, fix) in rows)
        {
            Assert.True(cell.StartsWith("ok: ", StringComparison.Ordinal), $"{check}: {cell}\n{result}");
            Assert.Equal("—", fix);
        }
        Assert.Equal($"ok: {ConfigPath} (3 aliases: alpha, beta, local)", rows[0].Result);
        Assert.Equal($"ok: 127.0.0.1:{Port} accepts connections", CliAssert.Cell(result, "alpha: TCP port", "Result").Split(" (")[0]);
        Assert.Equal($"ok: logged in as {Sshd.UserName}", CliAssert.Cell(result, "alpha: authentication", "Result").Split(" (")[0]);
        Assert.Equal($"ok: {Sshd.BaseA} exists and is writable", CliAssert.Cell(result, "alpha: model_base writable", "Result"));
        Assert.Contains("sha256sum", CliAssert.Cell(result, "alpha: hash tools", "Result"), StringComparison.Ordinal);
        Assert.Equal("ok: a bare command prints nothing", CliAssert.Cell(result, "alpha: clean shell", "Result"));
        Assert.Matches(@"^ok: \d+\.\d\ds per remote command$", CliAssert.Cell(result, "alpha: remote command time", "Result"));
        Assert.Equal($"All {expected.Length} checks passed.", result.Stdout.Split('\n').Last(l => l.Length > 0));
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Sshd.BaseA), e => Path.GetFileName(e).StartsWith(".model-sync-doctor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task JsonListsEveryCheckWithNameServerOkResultAndFix()
    {
        var result = await Cli("--json", "doctor", "alpha");

        CliAssert.Exit(result, 0);
        using var doc = CliAssert.Json(result);
        Assert.True(doc.RootElement.GetProperty("ok").GetBoolean());
        var checks = doc.RootElement.GetProperty("checks").EnumerateArray().ToList();
        Assert.Equal(
            ["config", "ssh", "rsync", "ssh_key", "dns", "tcp", "host_key", "authentication", "rsync", "model_base", "free_space", "hash_tools", "clock_skew", "shell_output", "shell_time"],
            checks.Select(c => c.GetProperty("name").GetString()));
        Assert.All(checks.Take(3), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("server").ValueKind));
        Assert.All(checks.Skip(3), c => Assert.Equal("alpha", c.GetProperty("server").GetString()));
        Assert.All(checks, c =>
        {
            Assert.True(c.GetProperty("ok").GetBoolean(), c.ToString());
            Assert.Equal("ok", c.GetProperty("status").GetString());
            Assert.False(string.IsNullOrEmpty(c.GetProperty("result").GetString()));
            Assert.Equal(JsonValueKind.Null, c.GetProperty("fix").ValueKind);
        });
    }

    [Fact]
    public async Task NamedAliasesOnlyAndAnUnknownOneIsAUsageError()
    {
        var local = await Cli("doctor", "local");
        CliAssert.Exit(local, 0);
        Assert.Equal(["config", "ssh (this machine)", "rsync (this machine)", .. LocalRows.Select(s => "local: " + s)], Rows(local).Select(r => r.Check));

        var unknown = await Cli("doctor", "alpah");
        CliAssert.Error(unknown, 2, "unknown server 'alpah'", "did you mean 'alpha'");
    }

    [Fact]
    public async Task ClosedPortFailsTheTCPRowAndSkipsWhatNeedsIt()
    {
        var closed = ClosedPort.Get();
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA) with { Port = closed });

        var result = await CliWith(config, "doctor", "alpha");

        var (cell, fix) = Failed(result, "alpha: TCP port");
        Assert.Equal($"failed: 127.0.0.1:{closed.ToString(CultureInfo.InvariantCulture)} refused the connection", cell);
        Assert.Contains($"check port: of 'alpha' in {config}", fix, StringComparison.Ordinal);
        Assert.Contains("sshd runs on the server", fix, StringComparison.Ordinal);
        OnlyFailing(result, "alpha: TCP port", After("alpha", "TCP port"));
        Assert.Equal("skipped: needs TCP port", CliAssert.Cell(result, "alpha: host key", "Result"));

        var json = await CliWith(config, "--json", "doctor", "alpha");
        CliAssert.Exit(json, 1);
        using var doc = CliAssert.Json(json);
        Assert.False(doc.RootElement.GetProperty("ok").GetBoolean());
        var tcp = doc.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "tcp");
        Assert.False(tcp.GetProperty("ok").GetBoolean());
        Assert.Equal("failed", tcp.GetProperty("status").GetString());
        Assert.Contains("check port:", tcp.GetProperty("fix").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnauthorizedKeyFailsAuthenticationWithSshAddAndSshCopyId()
    {
        var otherKey = Path.Combine(Work, "unauthorized_key");
        await TestProcess.RunOkAsync("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "ms-it-unauthorized", "-f", otherKey);
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA) with { SshKey = otherKey });

        var result = await CliWith(config, "doctor", "alpha");

        var (cell, fix) = Failed(result, "alpha: authentication");
        Assert.Contains($"authentication to 127.0.0.1:{Port} ('alpha') failed", cell, StringComparison.Ordinal);
        Assert.Contains("ssh-add -l", fix, StringComparison.Ordinal);
        Assert.Contains("ssh_key", fix, StringComparison.Ordinal);
        Assert.Contains($"`ssh-copy-id -i {otherKey}.pub -p {Port} {Sshd.UserName}@127.0.0.1`", fix, StringComparison.Ordinal);
        Assert.Equal($"ok: ssh_key {otherKey} (mode 0600)", CliAssert.Cell(result, "alpha: ssh key", "Result"));
        OnlyFailing(result, "alpha: authentication", After("alpha", "authentication"));
    }

    [Fact]
    public async Task AKeyOthersCanReadFailsTheSshKeyRowWithChmod600()
    {
        var loose = Path.Combine(Work, "loose_key");
        File.Copy(Sshd.ClientKeyPath, loose);
        File.SetUnixFileMode(loose, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA) with { SshKey = loose });

        var result = await CliWith(config, "doctor", "alpha");

        var (cell, fix) = Failed(result, "alpha: ssh key");
        Assert.Contains("mode 0644", cell, StringComparison.Ordinal);
        Assert.Equal($"`chmod 600 {loose}`", fix);
    }

    [Fact]
    public async Task UnknownHostKeyFailsTheHostKeyRowWithAcceptNew()
    {
        var emptyKnownHosts = Path.Combine(Work, "empty_known_hosts");
        File.WriteAllText(emptyKnownHosts, "");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Sshd.BaseA) with
        {
            SshOptions = [new("UserKnownHostsFile", emptyKnownHosts), new("StrictHostKeyChecking", "yes"), new("GlobalKnownHostsFile", "/dev/null")],
        });

        var result = await CliWith(config, "doctor", "alpha");

        var (cell, fix) = Failed(result, "alpha: host key");
        Assert.Equal($"failed: the host key of 127.0.0.1:{Port} ('alpha') is not known", cell);
        Assert.Contains($"`ssh -p {Port} {Sshd.UserName}@127.0.0.1`", fix, StringComparison.Ordinal);
        Assert.Contains("StrictHostKeyChecking: accept-new", fix, StringComparison.Ordinal);
        OnlyFailing(result, "alpha: host key", After("alpha", "host key"));
        Assert.Equal("", File.ReadAllText(emptyKnownHosts));
    }

    [Fact]
    public async Task RsyncMissingOnTheServerFailsThatRowOnly()
    {
        var original = File.ReadAllText(Bashrc);
        var farm = await PathWithoutRsyncAsync();
        try
        {
            // The remote login shell (bash, started by sshd) reads ~/.bashrc: give it a PATH with everything but rsync.
            File.WriteAllText(Bashrc, $"export PATH='{farm}'\n");
            var (_, probe, _) = await Sshd.SshAsync("command -v rsync || echo no-rsync-here");
            Assert.True(probe.Trim() == "no-rsync-here", $"could not hide rsync from the remote shell (it does not read {Bashrc}?): {probe}");

            var result = await Cli("doctor", "alpha");

            var (cell, fix) = Failed(result, "alpha: rsync on server");
            Assert.Equal("failed: not found on the PATH of a non-interactive ssh session", cell);
            Assert.Contains("`apt-get install rsync`", fix, StringComparison.Ordinal);
            OnlyFailing(result, "alpha: rsync on server");
        }
        finally
        {
            File.WriteAllText(Bashrc, original);
        }
    }

    [Fact]
    public async Task ReadOnlyModelBaseFailsTheWritableRow()
    {
        var target = Path.Combine(Work, "readonly");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", target));

        if (Environment.IsPrivilegedProcess)
        {
            // root ignores permission bits: only a read-only file system really stops it.
            await using var mount = await TmpfsMount.MountAsync(target, "ro,size=1m");
            var result = await CliWith(config, "doctor", "alpha");
            var (cell, fix) = Failed(result, "alpha: model_base writable");
            Assert.Contains($"{target} is not writable", cell, StringComparison.Ordinal);
            Assert.Contains("Read-only file system", cell, StringComparison.Ordinal);
            Assert.Equal($"it is on a read-only file system: remount it read-write, or point model_base of 'alpha' at a writable directory in {config}", fix);
            OnlyFailing(result, "alpha: model_base writable");
        }
        else
        {
            Directory.CreateDirectory(target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            try
            {
                var result = await CliWith(config, "doctor", "alpha");
                var (cell, fix) = Failed(result, "alpha: model_base writable");
                Assert.Contains("Permission denied", cell, StringComparison.Ordinal);
                Assert.Contains($"give {Sshd.UserName} write access", fix, StringComparison.Ordinal);
                OnlyFailing(result, "alpha: model_base writable");
            }
            finally
            {
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
        Assert.Empty(Directory.EnumerateFileSystemEntries(target));
    }

    [Fact]
    public async Task ABashrcThatPrintsFailsTheCleanShellRowWithThePS1Guard()
    {
        var original = File.ReadAllText(Bashrc);
        try
        {
            File.WriteAllText(Bashrc, "echo \"hello from bashrc\"\n");

            var result = await Cli("doctor", "alpha");

            var (cell, fix) = Failed(result, "alpha: clean shell");
            Assert.Contains("\"hello from bashrc\"", cell, StringComparison.Ordinal);
            Assert.Contains("breaks rsync's protocol", cell, StringComparison.Ordinal);
            Assert.Contains("`[ -z \"$PS1\" ] && return`", fix, StringComparison.Ordinal);
            Assert.Contains("~/.bash_profile", fix, StringComparison.Ordinal);
            // The other checks see through the noise.
            OnlyFailing(result, "alpha: clean shell");
        }
        finally
        {
            File.WriteAllText(Bashrc, original);
        }
    }

    [Fact]
    public async Task ASlowBashrcIsAWarningNamingPyenvAndCondaAndStillExitsZero()
    {
        var original = File.ReadAllText(Bashrc);
        try
        {
            File.WriteAllText(Bashrc, "sleep 0.5\n");

            var result = await Cli("doctor", "alpha");

            CliAssert.Exit(result, 0);
            var cell = CliAssert.Cell(result, "alpha: remote command time", "Result");
            Assert.Matches(@"^warning: \d+\.\d\ds per remote command, paid by every remote step$", cell);
            var fix = CliAssert.Cell(result, "alpha: remote command time", "Fix");
            Assert.Contains("`pyenv init`", fix, StringComparison.Ordinal);
            Assert.Contains("conda", fix, StringComparison.Ordinal);
            Assert.EndsWith("1 warning: alpha: remote command time.", result.Stdout.TrimEnd(), StringComparison.Ordinal);
        }
        finally
        {
            File.WriteAllText(Bashrc, original);
        }
    }

    [Fact]
    public async Task ABrokenConfigIsAFailedRowNotAnErrorLine()
    {
        var config = Path.Combine(Work, "broken.yaml");
        File.WriteAllText(config, "servers:\n  reaper:\n    hots: reaper.internal\n    model_base: /m\n");

        var result = await CliWith(config, "doctor");

        var (cell, fix) = Failed(result, "config");
        Assert.StartsWith($"failed: config {config}:3:5: unknown key", cell, StringComparison.Ordinal);
        Assert.Contains("'hots'", cell, StringComparison.Ordinal);
        Assert.Contains("did you mean 'host'", cell + fix, StringComparison.Ordinal);
        Assert.Equal(["config", "ssh (this machine)", "rsync (this machine)"], Rows(result).Select(r => r.Check));
        Assert.DoesNotContain("error: ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAConfigTheBuiltInLocalAliasPasses()
    {
        using var home = new TempDirectory("ms-it-doctor-home");

        var result = await CliRunner.RunAsync(["doctor"], configPath: null, env: new Dictionary<string, string> { ["HOME"] = home.Path }, workingDirectory: Work);

        CliAssert.Exit(result, 0);
        Assert.Equal("ok: none: built-in local alias only", CliAssert.Cell(result, "config", "Result"));
        var models = Path.Combine(home.Path, "workspace", "models");
        Assert.Equal($"warning: {models} does not exist yet; the first push creates it ({home.Path} is writable)",
            CliAssert.Cell(result, "local: model_base writable", "Result"));
        Assert.False(Directory.Exists(models), "doctor created model_base");
    }
}

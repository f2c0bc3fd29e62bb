using System.Globalization;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;
using ModelSync.Text;

namespace ModelSync.IntegrationTests;

[Collection("sshd")]
public sealed class SshdFixtureTests(SshdFixture sshd)
{
    [Fact]
    public async Task SshRunsRemoteEcho()
    {
        var (exitCode, stdout, stderr) = await sshd.SshAsync("echo hello");

        Assert.True(exitCode == 0, $"ssh failed ({exitCode}): {stderr}");
        Assert.Equal("hello", stdout.Trim());
    }

    [Fact]
    public async Task RemoteLoginShellUsesFixtureHome()
    {
        var (exitCode, stdout, stderr) = await sshd.SshAsync("echo \"$HOME\"");

        Assert.True(exitCode == 0, $"ssh failed ({exitCode}): {stderr}");
        Assert.Equal(sshd.RemoteHome, stdout.Trim());
    }

    [Fact]
    public async Task RsyncIsAvailableRemotely()
    {
        var (exitCode, stdout, stderr) = await sshd.SshAsync("rsync --version");

        Assert.True(exitCode == 0, $"remote rsync --version failed ({exitCode}): {stderr}");
        Assert.Contains("rsync", stdout, StringComparison.Ordinal);
        Assert.Contains("version", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RsyncOverSshCopiesDirectoryIntoBaseA()
    {
        var source = Path.Combine(sshd.Root, "src-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(source, "sub"));
        await File.WriteAllTextAsync(Path.Combine(source, "a.txt"), "alpha\n");
        await File.WriteAllBytesAsync(Path.Combine(source, "sub", "b.bin"), [1, 2, 3, 4, 5]);

        var dirName = Path.GetFileName(source);
        var sshCommand = "ssh " + string.Join(' ', sshd.SshClientArgs().Select(SingleQuoted.Word));
        var args = new[] { "-a", "-e", sshCommand, source + "/", $"{sshd.UserName}@127.0.0.1:{sshd.BaseA}/{dirName}/" };

        var (exitCode, stdout, stderr) = await TestProcess.RunAsync("rsync", args);

        Assert.True(exitCode == 0, $"rsync failed ({exitCode}):\n{stdout}\n{stderr}");
        var target = Path.Combine(sshd.BaseA, dirName);
        Assert.Equal("alpha\n", await File.ReadAllTextAsync(Path.Combine(target, "a.txt")));
        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, await File.ReadAllBytesAsync(Path.Combine(target, "sub", "b.bin")));

        var remote = await sshd.SshAsync($"wc -c < {SingleQuoted.Word(target + "/sub/b.bin")}");
        Assert.Equal(0, remote.ExitCode);
        Assert.Equal(5, int.Parse(remote.Stdout.Trim(), CultureInfo.InvariantCulture));
    }

    [Fact]
    public void WriteConfigProducesDistinctFilesWithServers()
    {
        var first = sshd.WriteConfig();
        var second = sshd.WriteConfig("# extra\n");

        Assert.NotEqual(first, second);
        var text = File.ReadAllText(first);
        Assert.Contains("  alpha:", text, StringComparison.Ordinal);
        Assert.Contains("  beta:", text, StringComparison.Ordinal);
        Assert.Contains($"port: {sshd.Port.ToString(CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
        Assert.EndsWith("# extra\n", File.ReadAllText(second), StringComparison.Ordinal);
        Assert.NotEqual(sshd.BaseA, sshd.BaseB);
    }
}

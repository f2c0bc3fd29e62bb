using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests;

/// <summary>
/// Failures on the server side once connected: a target that cannot be written, rsync missing, no space.
/// Each must exit 1 with one clear line and leave the target as it was.
/// </summary>
[Collection("sshd")]
[SupportedOSPlatform("linux")]
public sealed class RemoteFailureTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    [Fact]
    public async Task ModelBaseBelowARegularFileFailsClearly()
    {
        Tree("m").File("w.bin", "w\n");
        var blocker = Path.Combine(Work, "not-a-dir");
        File.WriteAllText(blocker, "I am a file\n");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", Path.Combine(blocker, "models")));

        var result = await CliWith(config, "push", "./m", "alpha");

        CliAssert.Error(result, 1, "Not a directory", blocker);
        Assert.Equal("I am a file\n", File.ReadAllText(blocker));
        Assert.DoesNotContain("## Result", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnwritableModelBaseFailsClearlyAndWritesNothing()
    {
        Tree("m").File("w.bin", "w\n");
        var target = Path.Combine(Work, "readonly");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", target));

        if (Environment.IsPrivilegedProcess)
        {
            // root ignores permission bits: only a read-only file system really stops it.
            await using var mount = await TmpfsMount.MountAsync(target, "ro,size=1m");
            var result = await CliWith(config, "push", "./m", "alpha");
            CliAssert.Error(result, 1, "read-only file system on alpha");
            Assert.Empty(Directory.EnumerateFileSystemEntries(target));
        }
        else
        {
            Directory.CreateDirectory(target);
            File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            try
            {
                var result = await CliWith(config, "push", "./m", "alpha");
                CliAssert.Error(result, 1, "permission denied on alpha", Sshd.UserName);
                Assert.Empty(Directory.EnumerateFileSystemEntries(target));
            }
            finally
            {
                File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }
    }

    [Fact]
    public async Task NotEnoughSpaceIsRefusedBeforeSendingAndTargetIsUntouched()
    {
        Tree("src").RandomFile("big.bin", 2_000_000, seed: 9);
        var tiny = Path.Combine(Work, "tiny");
        var config = TestConfig.Write(Work, TestConfig.Ssh(Sshd, "alpha", tiny));
        await using var mount = await TmpfsMount.MountAsync(tiny, "size=1m");
        File.WriteAllText(Path.Combine(tiny, "big.bin"), "the old, small version\n");
        var before = TreeComparer.Snapshot(tiny);

        var result = await CliRunner.RunAsync(["push", "./big.bin", "alpha"], config, workingDirectory: Path.Combine(Work, "src"));

        var line = CliAssert.Error(result, 1, "not enough space on alpha");
        Assert.True(new Regex(@"needs 2(\.\d+)?MiB .*, \d+(\.\d+)?(MiB|KiB) is free").IsMatch(line), line);
        TreeComparer.AssertUnchanged(before, tiny);

        var json = await CliRunner.RunAsync(["--json", "push", "./big.bin", "alpha"], config, workingDirectory: Path.Combine(Work, "src"));
        CliAssert.JsonError(json, 1, "not enough space on alpha");
        TreeComparer.AssertUnchanged(before, tiny);
    }

    [Fact]
    public async Task RsyncMissingOnTheServerIsNamed()
    {
        Tree("m-" + Id).File("w.bin", "w\n");
        var bashrc = Path.Combine(Sshd.RemoteHome, ".bashrc");
        var original = File.ReadAllText(bashrc);
        var farm = await PathWithoutRsyncAsync();
        try
        {
            // The remote login shell (bash, started by sshd) reads ~/.bashrc: give it a PATH with everything but rsync.
            File.WriteAllText(bashrc, $"export PATH='{farm}'\n");
            var (_, probe, _) = await Sshd.SshAsync("command -v rsync || echo no-rsync-here");
            Assert.True(probe.Trim() == "no-rsync-here",
                $"could not hide rsync from the remote shell (it does not read {bashrc}?): {probe}");

            var push = await Cli("push", "./m-" + Id, "alpha");
            CliAssert.Error(push, 1, "rsync is not installed on alpha", "apt-get install rsync");
            Assert.False(Directory.Exists(Path.Combine(Sshd.BaseA, "m-" + Id)), "push without rsync created the target");

            var pull = await Cli("pull", "alpha:anything", "./back/");
            CliAssert.Error(pull, 1, "rsync is not installed on alpha");

            var check = await Cli("servers", "--check");
            Assert.StartsWith("yes — rsync is not installed", CliAssert.Cell(check, "alpha", "Reachable"), StringComparison.Ordinal);
            Assert.Equal("—", CliAssert.Cell(check, "alpha", "rsync"));

            var exec = await Cli("exec", "alpha", "echo still-works");
            CliAssert.Exit(exec, 0);
            Assert.Equal("still-works\n", exec.Stdout);
        }
        finally
        {
            File.WriteAllText(bashrc, original);
        }
    }
}

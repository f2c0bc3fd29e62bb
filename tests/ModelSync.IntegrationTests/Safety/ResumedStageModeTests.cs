using System.Runtime.Versioning;
using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A stage a killed run left holds hard links to whatever that run started from. Its rerun may start from something
/// else (no basis, another basis), so what the stage holds is not what the rerun's plan was made against: a file
/// there whose mode differs from the source's must still go into a new inode, never be chmodded through the link.
/// </summary>
[Collection("sshd")]
[SupportedOSPlatform("linux")]
public sealed class ResumedStageModeTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const string Old = "RTX3090_N2501_ASR_250715";
    private const string New = "RTX3090_N2501_ASR_250820";
    private const int Size = 8 * 1024 * 1024;

    [Fact]
    public async Task ARerunWithoutTheBasisOfAKilledRunLeavesThatBasisModesAlone()
    {
        var dir = "resumed-modes-" + Id;
        var basis = Path.Combine(Sshd.BaseA, dir, Old);
        var stage = Path.Combine(Sshd.BaseA, dir, ".model-sync-stage." + New);
        var old = Tree(Old).RandomFile("a.bin", Size, 1).File("run.sh", "#!/bin/sh\necho serve\n").File("config.pbtxt", "v1");
        foreach (var file in Directory.EnumerateFiles(old.Root)) File.SetUnixFileMode(file, ModeBits.Plain);
        await CliOk("push", Old, $"alpha:{dir}/{Old}");
        TestProcess.RunBytes("cp", ["-a", Path.Combine(Work, Old), Path.Combine(Work, New)]);
        var changed = Path.Combine(Work, New, "a.bin");
        var mtime = File.GetLastWriteTimeUtc(changed);
        Tree(New).RandomFile("a.bin", Size, 2);
        File.SetLastWriteTimeUtc(changed, mtime);
        File.SetUnixFileMode(changed, ModeBits.Executable);
        File.SetUnixFileMode(Path.Combine(Work, New, "run.sh"), ModeBits.Executable);

        using (var cli = CliRunner.Start(["push", New, $"alpha:{dir}/{New}", "--bwlimit", "2000"], ConfigPath, workingDirectory: Work))
        {
            // The stage is seeded from the basis and a.bin is on its way (run.sh, after it, is still the basis's link).
            await Eventually.TrueAsync(() => Directory.Exists(stage) && new DirectoryInfo(stage).EnumerateFiles(".a.bin.*").Any(f => f.Length > 0),
                TimeSpan.FromSeconds(60), "a.bin on its way into the stage");
            cli.Kill(entireProcessTree: false);
            await cli.WaitForExitAsync();
        }
        await Eventually.TrueAsync(() => !new DirectoryInfo(stage).EnumerateFiles(".a.bin.*").Any(), TimeSpan.FromSeconds(20), "rsync to stop");
        Assert.Equal(Inode(Path.Combine(basis, "run.sh")), Inode(Path.Combine(stage, "run.sh")));

        var rerun = await Cli("push", New, $"alpha:{dir}/{New}", "--basis", "none", "--json");

        CliAssert.Exit(rerun, 0);
        Assert.Equal(ModeBits.Plain, File.GetUnixFileMode(Path.Combine(basis, "run.sh")));
        Assert.Equal(ModeBits.Plain, File.GetUnixFileMode(Path.Combine(basis, "a.bin")));
        using var json = JsonDocument.Parse(rerun.Stdout);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean(), rerun.Stdout);
        foreach (var file in new[] { "a.bin", "run.sh" })
        {
            Assert.Equal(ModeBits.Executable, File.GetUnixFileMode(Path.Combine(Sshd.BaseA, dir, New, file)));
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Work, New, file)), await File.ReadAllBytesAsync(Path.Combine(Sshd.BaseA, dir, New, file)));
        }
    }

    private static long Inode(string path) =>
        long.Parse(System.Text.Encoding.UTF8.GetString(TestProcess.RunBytes("stat", ["-c", "%i", path])).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}

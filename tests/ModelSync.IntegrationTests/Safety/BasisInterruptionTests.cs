using System.Security.Cryptography;
using System.Text.Json;
using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Safety;

/// <summary>
/// A new version's stage holds hard links of the published version it started from, so a byte written in place into
/// one would change that live version: a push killed halfway, and its rerun, must leave every byte, inode and the
/// manifest of the basis as they were.
/// </summary>
[Collection("sshd")]
public sealed class BasisInterruptionTests(SshdFixture sshd) : SshdTestBase(sshd)
{
    private const string Old = "RTX3090_N2501_ASR_250715";
    private const string New = "RTX3090_N2501_ASR_250820";
    private const int Size = 40 * 1024 * 1024;

    [Fact]
    public async Task APushKilledHalfwayAndItsRerunLeaveTheBasisUntouchedAndPublishAVerifiedVersion()
    {
        var dir = "killbasis-" + Id;
        var basis = Path.Combine(Sshd.BaseA, dir, Old);
        var target = Path.Combine(Sshd.BaseA, dir, New);
        var stage = Path.Combine(Sshd.BaseA, dir, ".model-sync-stage." + New);
        Tree(Old).RandomFile("model.plan", Size, 1).RandomFile("tokenizer.bin", 1 << 20, 2).File("config.pbtxt", "v1");
        await CliOk("push", Old, $"alpha:{dir}/{Old}");
        TestProcess.RunBytes("cp", ["-a", Path.Combine(Work, Old), Path.Combine(Work, New)]);
        Tree(New).RandomFile("model.plan", Size, 3).File("config.pbtxt", "v2");
        var before = Snapshot(basis);

        using (var cli = CliRunner.Start(["push", New, $"alpha:{dir}/{New}", "--bwlimit", "8000"], ConfigPath, workingDirectory: Work))
        {
            // Half the weights in rsync's temporary file; or, were anything written in place, the basis changed.
            await Eventually.TrueAsync(() => RsyncTempFileSize(stage, "model.plan") >= Size / 2 || Touched(basis, before), TimeSpan.FromSeconds(60), "half of the new weights in the stage");
            cli.Kill(entireProcessTree: false);
            await cli.WaitForExitAsync();
        }
        var partial = Path.Combine(stage, ".rsync-partial", "model.plan");
        await Eventually.TrueAsync(() => File.Exists(partial) || Touched(basis, before), TimeSpan.FromSeconds(20), "rsync to stop and keep its partial file");

        Assert.False(Directory.Exists(target), "an interrupted push must not publish anything");
        Assert.Equal(before, Snapshot(basis));
        Assert.NotEqual(Inode(Path.Combine(basis, "model.plan")), Inode(partial));
        Assert.Equal(Inode(Path.Combine(basis, "tokenizer.bin")), Inode(Path.Combine(stage, "tokenizer.bin")));

        var rerun = await Cli("push", New, $"alpha:{dir}/{New}", "--json");

        CliAssert.Exit(rerun, 0);
        using var json = JsonDocument.Parse(rerun.Stdout);
        Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        Assert.Equal(Old, json.RootElement.GetProperty("basis").GetProperty("name").GetString());
        Assert.True(json.RootElement.GetProperty("bytes_sent").GetInt64() < Size * 0.6, rerun.Stdout);
        Assert.Equal(before, Snapshot(basis));
        foreach (var file in new[] { "model.plan", "tokenizer.bin", "config.pbtxt" })
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(Work, New, file)), await File.ReadAllBytesAsync(Path.Combine(target, file)));
        Assert.Equal(Inode(Path.Combine(basis, "tokenizer.bin")), Inode(Path.Combine(target, "tokenizer.bin")));
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(target, ".model-sync-manifest.json")));
        var listed = manifest.RootElement.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!, f => f.GetProperty("hash").GetString());
        Assert.Equal(["config.pbtxt", "model.plan", "tokenizer.bin"], listed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Sha256(Path.Combine(Work, New, "model.plan")), listed["model.plan"]);
        Assert.False(Directory.Exists(stage));
    }

    /// <summary>Every file of a version, its manifest included: inode, content hash and mtime.</summary>
    private static string Snapshot(string version) => string.Join('\n', Directory.EnumerateFiles(version, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(f => $"{Path.GetRelativePath(version, f)} {Inode(f)} {Sha256(f)} {File.GetLastWriteTimeUtc(f).Ticks}"));

    /// <summary>Cheaply, without reading the bytes: some file of the basis has another mtime than in <paramref name="snapshot"/>.</summary>
    private static bool Touched(string version, string snapshot) =>
        Directory.EnumerateFiles(version, "*", SearchOption.AllDirectories).Any(f => !snapshot.Contains($" {File.GetLastWriteTimeUtc(f).Ticks}", StringComparison.Ordinal));

    /// <summary>The size of rsync's temporary file for <paramref name="name"/> in <paramref name="stage"/> (<c>.name.XXXXXX</c>), 0 when there is none.</summary>
    private static long RsyncTempFileSize(string stage, string name)
    {
        try
        {
            return Directory.Exists(stage)
                ? new DirectoryInfo(stage).EnumerateFiles("." + name + ".*").Select(f => f.Length).DefaultIfEmpty(0).Max()
                : 0;
        }
        catch (IOException)
        {
            return 0; // renamed while we looked
        }
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    private static long Inode(string path) =>
        long.Parse(System.Text.Encoding.UTF8.GetString(TestProcess.RunBytes("stat", ["-c", "%i", path])).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}

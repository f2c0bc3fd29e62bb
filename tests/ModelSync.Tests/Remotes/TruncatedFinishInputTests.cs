using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// The finish's call when its stdin ends early: a client killed (or a connection dropped) while the input was still on
/// its way, which happens when the input is too big to ride in the command line. The server's sh runs on (sshd does not
/// signal a command without a terminal) and reads end of file where the rest of its input should be. What arrived
/// vouches for nothing: nothing is published. Run by this machine's dash, as the server's sh.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TruncatedFinishInputTests : IDisposable
{
    private readonly TempDirectory _dir = new("ms-truncated-finish");

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(-1)] // all of it: published
    [InlineData(10)] // within the ranged files' list
    [InlineData(-3)] // the ranged files' list but its end
    [InlineData(0)] // none of it
    [InlineData(-2)] // the ranged files' list whole, the records the stage must hold cut short
    [InlineData(-4)] // everything but the manifest's end
    public void AFinishWhoseInputEndedEarlyPublishesNothing(int cut)
    {
        var target = Path.Join(_dir.Path, "m");
        var stage = StageNames.Stage(target);
        var records = Path.Join(stage, ".model-sync-ranges");
        Directory.CreateDirectory(Path.Join(records, "k"));
        File.WriteAllText(Path.Join(stage, "a"), "a");
        File.WriteAllText(Path.Join(records, "k", "part"), "bbb");
        File.WriteAllText(Path.Join(records, "k", "done.0"), "");
        var (placing, input, finish) = RangedStage(target, stage, records, "first");
        var sent = cut switch { -1 => input.Length, -2 => placing.Length + 4, -3 => placing.Length - 2, -4 => input.Length - 5, _ => cut };

        var (exitCode, stdout) = Run(RemoteScripts.RangesFinishStage, [Number(finish.Length), Number(placing.Length), .. finish, records, stage, "d", "first"], input[..sent]);

        if (cut == -1)
        {
            Assert.Equal((0, "published\n"), (exitCode, stdout));
            Assert.Equal("bbb", File.ReadAllText(Path.Join(target, "b")));
            Assert.Equal(Manifest, File.ReadAllBytes(Path.Join(target, ModelManifest.FileName)));
            return;
        }
        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("published", stdout, StringComparison.Ordinal);
        Assert.False(Path.Exists(target), "a stage published on a cut input");
        Assert.False(Path.Exists(Path.Join(stage, ModelManifest.FileName)), "a manifest written from a cut input");
        // The ranged file is in the stage, or its record stays for a rerun to find its ranges done: never neither.
        Assert.True(File.Exists(Path.Join(stage, "b")) || File.Exists(Path.Join(records, "k", "part")), "the ranged file and its ranges gone");
    }

    [Fact]
    public void ARerunAfterAManifestCutShortPublishesTheWholeManifest()
    {
        var target = Path.Join(_dir.Path, "m");
        var stage = StageNames.Stage(target);
        var records = Path.Join(stage, ".model-sync-ranges");
        var (placing, input, finish) = RangedStage(target, stage, records, "first");
        var (cutExit, _) = Run(RemoteScripts.RangesFinishStage, [Number(finish.Length), Number(placing.Length), .. finish, records, stage, "d", "first"], input[..^1]);
        Assert.NotEqual(0, cutExit);
        Assert.True(Directory.Exists(stage), "the stage a rerun resumes is gone");

        finish[12] = "retry";
        var (exitCode, stdout) = Run(RemoteScripts.RangesFinishStage, [Number(finish.Length), Number(placing.Length), .. finish, records, stage, "d", "retry"], input);

        Assert.Equal((0, "published\n"), (exitCode, stdout));
        Assert.Equal(Manifest, File.ReadAllBytes(Path.Join(target, ModelManifest.FileName)));
    }

    [Fact]
    public void AFinishWithoutRangesWhoseManifestWasCutShortPublishesNothing()
    {
        var target = Path.Join(_dir.Path, "m");
        var stage = StageNames.Stage(target);
        Directory.CreateDirectory(stage);
        File.WriteAllText(Path.Join(stage, "a"), "a");
        var want = Encoding.ASCII.GetBytes("f 1 a\0");
        byte[] input = [.. want, .. Manifest];

        var (exitCode, stdout) = Run(RemoteScripts.FinishStage, FinishArguments(target, stage, want.Length, "first"), input[..^3], "finish-stage");

        Assert.NotEqual(0, exitCode);
        Assert.Equal("", stdout);
        Assert.False(Path.Exists(target), "a stage published on a cut manifest");
        Assert.False(Path.Exists(Path.Join(stage, ModelManifest.FileName)), "a manifest written from a cut input");
    }

    [Fact]
    public void AManifestWrittenOnItsOwnFromACutInputLeavesTheOneThere()
    {
        // The call of a target that was up to date but lacked a current manifest writes it into the live model.
        var model = Path.Join(_dir.Path, "m");
        Directory.CreateDirectory(model);
        var there = Path.Join(model, ModelManifest.FileName);
        File.WriteAllText(there, "{}");

        var (exitCode, _) = Run(RemoteScripts.WriteManifest, [.. RemoteScripts.WriteManifestArguments(model, Manifest.Length)], Manifest[..^4], "write-manifest");

        Assert.NotEqual(0, exitCode);
        Assert.Equal("{}", File.ReadAllText(there));
        Assert.Equal([ModelManifest.FileName], Directory.GetFileSystemEntries(model).Select(Path.GetFileName));
    }

    /// <summary>A manifest as the script sees it: bytes it writes, never reads.</summary>
    private static readonly byte[] Manifest = Encoding.UTF8.GetBytes("{\"version\":1,\"files\":{\"a\":\"x\",\"b\":\"y\"}}\n");

    /// <summary>A stage holding <c>a</c>, with <c>b</c> sent in one range still in its part file; the call's stdin and finish-stage.sh's arguments.</summary>
    private static (byte[] Placing, byte[] Input, string[] Finish) RangedStage(string target, string stage, string records, string attempt)
    {
        Directory.CreateDirectory(Path.Join(records, "k"));
        File.WriteAllText(Path.Join(stage, "a"), "a");
        File.WriteAllText(Path.Join(records, "k", "part"), "bbb");
        File.WriteAllText(Path.Join(records, "k", "done.0"), "");
        var placing = RangesFinishInput.Lines([new RangedFile("k", "b", 1, "2024-05-06T07:08:09Z")], [new StagedDirectory("", "00755", "2024-05-06T07:08:09Z")]);
        var want = Encoding.ASCII.GetBytes("f 1 a\0f 3 b\0");
        return (placing, [.. placing, .. want, .. Manifest], FinishArguments(target, stage, want.Length, attempt));
    }

    private static string[] FinishArguments(string target, string stage, int wantBytes, string attempt) =>
        [target, stage, StageNames.Old(target), StageNames.Lock(target), "token", StageNames.Resume(target), stage, "sha256", "sha256sum", "16",
            ModelManifest.FileName, FindOutput.PrintfFormat, attempt, Number(wantBytes), "0", "0", "0", "0", Number(Manifest.Length)];

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private (int ExitCode, string Stdout) Run(string script, string[] arguments, byte[] input, string name = "ranges-finish-stage")
    {
        var info = new ProcessStartInfo("dash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir.Path };
        foreach (var argument in (string[])["-c", script, name, .. arguments]) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dash");
        process.StandardInput.BaseStream.Write(input);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = stderr.GetAwaiter().GetResult();
        return (process.ExitCode, stdout);
    }
}

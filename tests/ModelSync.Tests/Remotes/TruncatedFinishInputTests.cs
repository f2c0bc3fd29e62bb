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
    public void AFinishWhoseInputEndedEarlyPublishesNothing(int cut)
    {
        var target = Path.Join(_dir.Path, "m");
        var stage = StageNames.Stage(target);
        var records = Path.Join(stage, ".model-sync-ranges");
        Directory.CreateDirectory(Path.Join(records, "k"));
        File.WriteAllText(Path.Join(stage, "a"), "a");
        File.WriteAllText(Path.Join(records, "k", "part"), "bbb");
        File.WriteAllText(Path.Join(records, "k", "done.0"), "");
        var placing = RangesFinishInput.Lines([new RangedFile("k", "b", 1, "2024-05-06T07:08:09Z")], [new StagedDirectory("", "00755", "2024-05-06T07:08:09Z")]);
        var want = Encoding.ASCII.GetBytes("f 1 a\0f 3 b\0");
        string[] finish = [target, stage, StageNames.Old(target), StageNames.Lock(target), "token", StageNames.Resume(target), stage, "sha256", "sha256sum", "16",
            ModelManifest.FileName, FindOutput.PrintfFormat, "first", Number(want.Length), "0", "0", "0", "0"];
        byte[] input = [.. placing, .. want];
        var sent = cut switch { -1 => input.Length, -2 => placing.Length + 4, -3 => placing.Length - 2, _ => cut };

        var (exitCode, stdout) = Run(RemoteScripts.RangesFinishStage, [Number(finish.Length), Number(placing.Length), .. finish, records, stage, "d", "first"], input[..sent]);

        if (cut == -1)
        {
            Assert.Equal((0, "published\n"), (exitCode, stdout));
            Assert.Equal("bbb", File.ReadAllText(Path.Join(target, "b")));
            return;
        }
        Assert.NotEqual(0, exitCode);
        Assert.DoesNotContain("published", stdout, StringComparison.Ordinal);
        Assert.False(Path.Exists(target), "a stage published on a cut input");
        // The ranged file is in the stage, or its record stays for a rerun to find its ranges done: never neither.
        Assert.True(File.Exists(Path.Join(stage, "b")) || File.Exists(Path.Join(records, "k", "part")), "the ranged file and its ranges gone");
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private (int ExitCode, string Stdout) Run(string script, string[] arguments, byte[] input)
    {
        var info = new ProcessStartInfo("dash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _dir.Path };
        foreach (var argument in (string[])["-c", script, "ranges-finish-stage", .. arguments]) info.ArgumentList.Add(argument);
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

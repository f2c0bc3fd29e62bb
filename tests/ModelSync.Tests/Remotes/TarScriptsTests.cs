using System.Diagnostics;
using System.Runtime.Versioning;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// tar-send.sh and tar-receive.sh use GNU tar's options: with another tar (busybox's) they stop before reading or making
/// anything, as with no tar at all (127), so that a new model's send falls back to rsync instead of failing on an option.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class TarScriptsTests : IDisposable
{
    private readonly TempDirectory _dir = new("ms-tar-scripts");

    /// <summary>A directory whose only tar answers --version as busybox's does.</summary>
    private readonly string _otherTar;

    public TarScriptsTests()
    {
        _otherTar = Directory.CreateDirectory(Path.Join(_dir.Path, "bin")).FullName;
        var tar = Path.Join(_otherTar, "tar");
        File.WriteAllText(tar, "#!/bin/sh\necho \"tar: unrecognized option '$1'\" >&2\nexit 1\n");
        File.SetUnixFileMode(tar, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void AReceiverWithAnotherTarMakesNoStageAndSaysSo()
    {
        var stage = Path.Join(_dir.Path, "stage");

        var run = Run(CopyScripts.TarReceive, ["tar-receive", stage, "d", "", "0"]);

        Assert.Equal((127, "GNU tar is needed here: tar is missing, or another one\n"), run);
        Assert.False(Directory.Exists(stage));
    }

    [Fact]
    public void ASenderWithAnotherTarSaysSo()
    {
        var run = Run(CopyScripts.TarSend, ["tar-send", _dir.Path, "dir"]);

        Assert.Equal((127, "GNU tar is needed here: tar is missing, or another one\n"), run);
    }

    private (int ExitCode, string Stderr) Run(string script, string[] arguments)
    {
        var info = new ProcessStartInfo("dash") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(script);
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        info.Environment["PATH"] = $"{_otherTar}:/usr/bin:/bin";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dash");
        try
        {
            process.StandardInput.Write("./a\0");
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Gone before reading its stdin, as it should be.
        }
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stderr.GetAwaiter().GetResult());
    }
}

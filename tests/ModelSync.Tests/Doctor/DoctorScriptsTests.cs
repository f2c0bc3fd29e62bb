using System.Runtime.Versioning;
using System.Text;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Doctor;

/// <summary>The doctor's remote scripts, run by this machine's sh (the same scripts a server runs).</summary>
[SupportedOSPlatform("linux")]
public sealed class DoctorScriptsTests : IDisposable
{
    private readonly TempDirectory _dir = new("ms-doctor");

    public void Dispose() => _dir.Dispose();

    private static string Run(string script, params string[] arguments) =>
        Encoding.UTF8.GetString(TestProcess.RunBytes("/bin/sh", ["-c", script, "sh", .. arguments]));

    [Fact]
    public void InspectReportsHomeRsyncToolsAndTheClock()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var inspection = RemoteInspection.Parse(Run(DoctorScripts.Inspect));
        Assert.NotNull(inspection);
        Assert.Equal(Environment.GetEnvironmentVariable("HOME"), inspection.Home);
        Assert.StartsWith("rsync", inspection.RsyncVersion, StringComparison.Ordinal);
        Assert.Contains("sha256sum", inspection.HashTools);
        Assert.InRange(inspection.Now ?? 0, before, before + 5);
    }

    [Fact]
    public void AnExistingDirectoryIsWrittenToAndLeftClean()
    {
        var probe = ModelBaseProbe.Parse(Run(DoctorScripts.ModelBase, _dir.Path));
        Assert.NotNull(probe);
        Assert.Equal(ModelBaseProbe.Directory, probe.State);
        Assert.Equal("yes", probe.Writable);
        Assert.True(probe.FreeBytes > 0);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void AMissingModelBaseIsTestedAtItsNearestExistingAncestor()
    {
        var path = Path.Join(_dir.Path, "a b", "c'd", "models");
        var probe = ModelBaseProbe.Parse(Run(DoctorScripts.ModelBase, path));
        Assert.NotNull(probe);
        Assert.Equal(ModelBaseProbe.Missing, probe.State);
        Assert.Equal(_dir.Path, probe.Ancestor);
        Assert.Equal("yes", probe.Writable);
        Assert.False(Directory.Exists(Path.Join(_dir.Path, "a b")), "the probe created model_base");
    }

    [Fact]
    public void AFileIsNotADirectory()
    {
        var file = Path.Join(_dir.Path, "models");
        File.WriteAllText(file, "x");
        var probe = ModelBaseProbe.Parse(Run(DoctorScripts.ModelBase, file));
        Assert.NotNull(probe);
        Assert.Equal(ModelBaseProbe.NotADirectory, probe.State);
        Assert.Null(probe.Writable);
    }

    [Fact]
    public void AnUnwritableDirectoryReportsMktempSError()
    {
        if (Environment.IsPrivilegedProcess) return; // root writes through permission bits; the integration tests use a read-only mount.
        var locked = Directory.CreateDirectory(Path.Join(_dir.Path, "locked"));
        File.SetUnixFileMode(locked.FullName, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        try
        {
            var probe = ModelBaseProbe.Parse(Run(DoctorScripts.ModelBase, locked.FullName));
            Assert.NotNull(probe);
            Assert.Equal("no", probe.Writable);
            Assert.Contains("Permission denied", probe.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.SetUnixFileMode(locked.FullName, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}

using System.Runtime.Versioning;
using System.Text;
using ModelSync.Doctor;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Doctor;

/// <summary>The doctor's remote scripts, run by this machine's sh (the same scripts a server runs).</summary>
[SupportedOSPlatform("linux")]
public sealed class DoctorScriptsTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("ms-doctor-");

    public void Dispose() => _dir.Delete(recursive: true);

    private static string Run(string script, params string[] arguments) =>
        Encoding.UTF8.GetString(LocalProcess.Run("/bin/sh", ["-c", script, "sh", .. arguments]));

    [Fact]
    public void Inspect_reports_home_rsync_tools_and_the_clock()
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
    public void An_existing_directory_is_written_to_and_left_clean()
    {
        var probe = ModelBaseProbe.Parse(Run(DoctorScripts.ModelBase, _dir.FullName));
        Assert.NotNull(probe);
        Assert.Equal(ModelBaseProbe.Directory, probe.State);
        Assert.Equal("yes", probe.Writable);
        Assert.True(probe.FreeBytes > 0);
        Assert.Empty(_dir.EnumerateFileSystemInfos());
    }

    [Fact]
    public void A_missing_model_base_is_tested_at_its_nearest_existing_ancestor()
    {
        var path = Path.Join(_dir.FullName, "a b", "c'd", "models");
        var probe = ModelBaseProbe.Parse(Run(DoctorScripts.ModelBase, path));
        Assert.NotNull(probe);
        Assert.Equal(ModelBaseProbe.Missing, probe.State);
        Assert.Equal(_dir.FullName, probe.Ancestor);
        Assert.Equal("yes", probe.Writable);
        Assert.False(Directory.Exists(Path.Join(_dir.FullName, "a b")), "the probe created model_base");
    }

    [Fact]
    public void A_file_is_not_a_directory()
    {
        var file = Path.Join(_dir.FullName, "models");
        File.WriteAllText(file, "x");
        var probe = ModelBaseProbe.Parse(Run(DoctorScripts.ModelBase, file));
        Assert.NotNull(probe);
        Assert.Equal(ModelBaseProbe.NotADirectory, probe.State);
        Assert.Null(probe.Writable);
    }

    [Fact]
    public void An_unwritable_directory_reports_mktemp_s_error()
    {
        if (Environment.IsPrivilegedProcess) return; // root writes through permission bits; the integration tests use a read-only mount.
        var locked = Directory.CreateDirectory(Path.Join(_dir.FullName, "locked"));
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

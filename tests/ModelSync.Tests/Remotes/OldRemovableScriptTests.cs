using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// old-removable.sh tells, changing nothing, whether the user it runs as can remove a previous version left beside a
/// target, as remove-tree.sh would try: run by this machine's dash as a user without root's bypass of permissions (nobody
/// when the tests run as root, as <see cref="ReadOnlyModelScriptTests"/> does), and as root where only root can set it up.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class OldRemovableScriptTests : IDisposable
{
    private static readonly UnixFileMode Open = (UnixFileMode)Convert.ToInt32("755", 8);
    private static readonly UnixFileMode ReadOnlyDirectory = (UnixFileMode)Convert.ToInt32("555", 8);

    private readonly TempDirectory _dir = new("ms-old-removable");

    /// <summary>The models' parent, as model_base is: the user's own, writable.</summary>
    private readonly string _base;

    private readonly string _old;

    public OldRemovableScriptTests()
    {
        File.SetUnixFileMode(_dir.Path, Open);
        _base = Directory.CreateDirectory(Path.Join(_dir.Path, "models")).FullName;
        _old = Path.Join(_base, ".model-sync-old.m");
        File.WriteAllText(Path.Join(Directory.CreateDirectory(Path.Join(_old, "sub")).FullName, "weights.bin"), "the version before");
        if (AsUserWithoutRoot().Length > 0) TestProcess.RunBytes("chown", ["-R", "-h", "65534:65534", _base]);
    }

    public void Dispose()
    {
        foreach (var directory in Directory.EnumerateDirectories(_dir.Path, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(directory, Open);
        _dir.Dispose();
    }

    [Fact]
    public void AVersionOfTheUsersOwnPublishedReadOnlyCanGoAndKeepsItsModes()
    {
        foreach (var directory in new[] { Path.Join(_old, "sub"), _old }) File.SetUnixFileMode(directory, ReadOnlyDirectory);

        var run = RunAsUser(_old);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal((ReadOnlyDirectory, ReadOnlyDirectory), (File.GetUnixFileMode(_old), File.GetUnixFileMode(Path.Join(_old, "sub"))));
    }

    [Fact]
    public void ADirectoryOfAnotherUsersWithEntriesInItIsNamed()
    {
        if (AsUserWithoutRoot().Length == 0) return; // only root can give a version a directory of another user's
        TestProcess.RunBytes("chown", ["-h", "0:0", Path.Join(_old, "sub")]);

        var run = RunAsUser(_old);

        Assert.Equal((4, $"{_old}/sub is another user's, with entries this user may not remove\n"), (run.ExitCode, run.Stderr));
        Assert.True(File.Exists(Path.Join(_old, "sub", "weights.bin")));
    }

    [Fact]
    public void AnEmptyDirectoryOfAnotherUsersGoesWithItsParent()
    {
        if (AsUserWithoutRoot().Length == 0) return; // only root can give a version a directory of another user's
        TestProcess.RunBytes("chown", ["-h", "0:0", Directory.CreateDirectory(Path.Join(_old, "empty")).FullName]);

        var run = RunAsUser(_old);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void AStickyDirectoryItIsInWhereNeitherItNorTheVersionIsTheUsersIsNamed()
    {
        if (AsUserWithoutRoot().Length == 0) return; // only root can give the version and its directory to another user
        TestProcess.RunBytes("chown", ["-h", "0:0", _base, _old]);
        File.SetUnixFileMode(_base, (UnixFileMode)Convert.ToInt32("1777", 8));

        var run = RunAsUser(_old);

        Assert.Equal((4, $"{_base} is sticky, and neither it nor {_old} is this user's\n"), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void ADirectoryItIsInThatIsNotWritableIsNamed()
    {
        File.SetUnixFileMode(_base, ReadOnlyDirectory);

        var run = RunAsUser(_old);

        Assert.Equal((4, $"{_base} is not writable by this user\n"), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void AnImmutableFileStopsEvenRootAndIsNamed()
    {
        if (!Environment.IsPrivilegedProcess) return; // only root can make a file immutable
        var weights = Path.Join(_old, "sub", "weights.bin");
        var run = RunAsRootWithFlag("i", weights);

        Assert.Equal((4, $"{weights} refuses writes even from root: immutable or append-only (chattr -i -a first), or on a read-only file system\n"), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void AnEmptyDirectoryOfAnotherUsersThatThisUserMayNotReadGoesWithItsParent()
    {
        if (AsUserWithoutRoot().Length == 0) return; // only root can give a version a directory of another user's
        var empty = Directory.CreateDirectory(Path.Join(_old, "closed")).FullName;
        TestProcess.RunBytes("chown", ["-h", "0:0", empty]);
        File.SetUnixFileMode(empty, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var run = RunAsUser(_old);

        // rm -rf cannot list it, and removes it as an empty directory all the same.
        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void AnImmutableDirectoryStopsEvenRootAndIsNamed()
    {
        if (!Environment.IsPrivilegedProcess) return; // only root can make a directory immutable
        var sub = Path.Join(_old, "sub");
        var run = RunAsRootWithFlag("i", sub);

        Assert.Equal((4, $"{sub} refuses writes even from root: immutable or append-only (chattr -i -a first), or on a read-only file system\n"), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void AnAppendOnlyDirectoryStopsEvenRootAndIsNamed()
    {
        if (!Environment.IsPrivilegedProcess) return; // only root can make a directory append-only
        var sub = Path.Join(_old, "sub");
        var run = RunAsRootWithFlag("a", sub);

        Assert.Equal((4, $"{sub} refuses writes even from root: immutable or append-only (chattr -i -a first), or on a read-only file system\n"), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void ANewlineInAFileNameDoesNotPoseAsAFlaggedFileToRoot()
    {
        if (!Environment.IsPrivilegedProcess) return; // the flags are read for root only
        // Split by lsattr's line, the name's second half would read as "main" flagged, and "x" named.
        File.WriteAllText(Path.Join(_old, "sub", "w\nmain x"), "w");

        var run = Run([], _old);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void AFileRootMayNotWriteInADirectoryItMayGoesWithIt()
    {
        if (!Environment.IsPrivilegedProcess) return; // root in a user namespace of its own, over a file of an unmapped user
        TestProcess.RunBytes("chown", ["-R", "-h", "0:0", _base]);
        TestProcess.RunBytes("chown", ["-h", "1001:1001", Path.Join(_old, "sub", "weights.bin")]);

        var run = Run(["unshare", "--user", "--map-root-user"], _old);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void AParentWhoseNameEndsInANewlineIsTheOneLookedAt()
    {
        // "base" itself is missing: read without its newline, the parent would be "not writable".
        var parent = Directory.CreateDirectory(Path.Join(_dir.Path, "base\n")).FullName;
        var old = Directory.CreateDirectory(Path.Join(parent, ".model-sync-old.m")).FullName;
        if (AsUserWithoutRoot().Length > 0) TestProcess.RunBytes("chown", ["-R", "-h", "65534:65534", parent]);

        var run = RunAsUser(old);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
    }

    [Fact]
    public void ANewlineInANameStaysOffTheOneLine()
    {
        if (AsUserWithoutRoot().Length == 0) return; // only root can give a version a directory of another user's
        var odd = Directory.CreateDirectory(Path.Join(_old, "a\nb")).FullName;
        File.WriteAllText(Path.Join(odd, "w.bin"), "w");
        TestProcess.RunBytes("chown", ["-h", "0:0", odd]);

        var run = RunAsUser(_old);

        Assert.Equal((4, $"{_old}/a?b is another user's, with entries this user may not remove\n"), (run.ExitCode, run.Stderr));
    }

    private static (int ExitCode, string Stderr) RunAsUser(string old) => Run(AsUserWithoutRoot(), old);

    /// <summary>Runs it as root while <paramref name="path"/> has the attribute <paramref name="flag"/> (chattr: i, a).</summary>
    private (int ExitCode, string Stderr) RunAsRootWithFlag(string flag, string path)
    {
        TestProcess.RunBytes("chattr", ["+" + flag, path]);
        try
        {
            return Run([], _old);
        }
        finally
        {
            TestProcess.RunBytes("chattr", ["-" + flag, path]);
        }
    }

    private static (int ExitCode, string Stderr) Run(string[] asUser, string old)
    {
        var info = new ProcessStartInfo("/usr/bin/env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[.. asUser, "dash", "-c", RemoteScripts.OldRemovable, "old-removable", old]) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dash");
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.Equal("", process.StandardOutput.ReadToEnd());
        process.WaitForExit();
        return (process.ExitCode, stderr.GetAwaiter().GetResult());
    }

    private static string[] AsUserWithoutRoot() =>
        Encoding.UTF8.GetString(TestProcess.RunBytes("id", ["-u"])).Trim() == "0" ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
}

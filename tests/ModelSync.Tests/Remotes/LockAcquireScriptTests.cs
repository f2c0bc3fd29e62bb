using System.Runtime.Versioning;
using System.Text;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// lock-acquire.sh when the lock it found is let go before it looks again: the holder's release falls between its
/// <c>mkdir</c> and its look at what stands there. Run by this machine's dash with a <c>mkdir</c> that fails once (for the lock, not its parent) as if
/// the lock were there, which is what that race looks like from inside the script.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class LockAcquireScriptTests : IDisposable
{
    private readonly TempDirectory _dir = new("ms-lock-acquire");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ALockLetGoBetweenItsMkdirAndItsLookIsTakenWithAHolder()
    {
        var bin = Directory.CreateDirectory(Path.Join(_dir.Path, "bin")).FullName;
        var once = Path.Join(_dir.Path, "failed-once");
        File.WriteAllText(Path.Join(bin, "mkdir"),
            $"#!/bin/sh\nif [ \"$1\" != -p ] && [ ! -e '{once}' ]; then : > '{once}'; echo \"mkdir: cannot create directory: File exists\" >&2; exit 1; fi\nexec /bin/mkdir \"$@\"\n");
        File.SetUnixFileMode(Path.Join(bin, "mkdir"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var lockDir = Path.Join(_dir.Path, ".model-sync-lock.m");

        // Throws with the script's stderr unless it exits 0.
        var output = TestProcess.RunBytes("/usr/bin/env", ["PATH=" + bin + ":/usr/bin:/bin", "dash", "-c", RemoteScripts.LockAcquire, "lock-acquire",
            lockDir, "holder of the lock", Path.Join(_dir.Path, ".model-sync-resume.m")]);

        Assert.Equal("acquired", Encoding.UTF8.GetString(output).TrimEnd('\n'));
        Assert.Equal("holder of the lock", File.ReadAllText(Path.Join(lockDir, "holder")));
    }
}

using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

public sealed class ControlDirectoriesTests : IDisposable
{
    private readonly TempDirectory _parent = new("ms-control-test");
    private readonly DateTime _now = DateTime.UtcNow;

    public void Dispose() => _parent.Dispose();

    private string Make(string name, TimeSpan age, bool withSocket = false)
    {
        var path = Path.Join(_parent.Path, name);
        Directory.CreateDirectory(path);
        if (withSocket) File.WriteAllText(Path.Join(path, "master"), "");
        Directory.SetLastWriteTimeUtc(path, _now - age);
        return path;
    }

    [Fact]
    public void OnlyEmptyControlDirectoriesUntouchedForTenMinutesAreRemoved()
    {
        var abandoned = Make(ControlDirectories.Prefix + "aaaaaa", TimeSpan.FromHours(3));
        var live = Make(ControlDirectories.Prefix + "bbbbbb", TimeSpan.FromHours(3), withSocket: true);
        var starting = Make(ControlDirectories.Prefix + "cccccc", TimeSpan.FromMinutes(1));
        var someoneElses = Make("ms-dddddd", TimeSpan.FromHours(3));

        Assert.Equal(1, ControlDirectories.Sweep(_parent.Path, _now));

        Assert.False(Directory.Exists(abandoned));
        Assert.True(File.Exists(Path.Join(live, "master")), "a directory with a socket in it is in use");
        Assert.True(Directory.Exists(starting), "a new directory may not have its master yet");
        Assert.True(Directory.Exists(someoneElses), "only model-sync's own prefix is swept");
    }

    [Fact]
    public void AMissingTempDirectorySweepsNothing()
    {
        Assert.Equal(0, ControlDirectories.Sweep(Path.Join(_parent.Path, "gone"), _now));
    }
}

using System.Runtime.Versioning;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// prepare-stage.sh seeding a stage from a live version whose directories are not writable (a model published
/// read-only, 0555), run by this machine's dash as a user without root's bypass of permissions: as nobody when the
/// tests run as root. Making the seed's links its own inodes must not need what the seed of a read-only model lacks.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class PrepareStageScriptTests : IDisposable
{
    private const UnixFileMode ReadOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
        | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private readonly TempDirectory _dir = new("ms-prepare-stage");

    public void Dispose()
    {
        foreach (var directory in Directory.EnumerateDirectories(_dir.Path, "*", SearchOption.AllDirectories).Append(_dir.Path))
            File.SetUnixFileMode(directory, ReadOnlyDirectory | UnixFileMode.UserWrite);
        _dir.Dispose();
    }

    [Fact]
    public void AReadOnlyLiveVersionWithLinksSeedsAStageWhoseLinksAreItsOwn()
    {
        // Before: the links were renamed into a directory the seed's user may not write, and the seed failed, so every push of such a model did.
        var live = Directory.CreateDirectory(Path.Join(_dir.Path, "m")).FullName;
        var readOnly = Directory.CreateDirectory(Path.Join(live, "1")).FullName;
        File.WriteAllText(Path.Join(readOnly, "model.onnx"), "weights");
        File.CreateSymbolicLink(Path.Join(readOnly, "current"), "model.onnx");
        // The files are that user's (protected_hardlinks refuses to link another user's).
        if (AsUserWithoutRoot().Length > 0) TestProcess.RunBytes("chown", ["-R", "-h", "65534:65534", live]);
        var when = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        Directory.SetLastWriteTimeUtc(readOnly, when);
        File.SetUnixFileMode(readOnly, ReadOnlyDirectory);
        File.SetUnixFileMode(live, ReadOnlyDirectory);
        File.SetUnixFileMode(_dir.Path, ReadOnlyDirectory | UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
        var stage = Path.Join(_dir.Path, ".model-sync-stage.m");

        TestProcess.RunBytes("/usr/bin/env", [.. AsUserWithoutRoot(), "dash", "-c", RemoteScripts.PrepareStage, "prepare-stage",
            live, stage, Path.Join(_dir.Path, ".model-sync-seed.m"), "seed", "d"]);

        var staged = Path.Join(stage, "1", "current");
        Assert.Equal("model.onnx", new FileInfo(staged).LinkTarget);
        Assert.NotEqual(Inode(Path.Join(readOnly, "current")), Inode(staged));
        Assert.Equal(when, Directory.GetLastWriteTimeUtc(Path.Join(stage, "1")));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(Path.Join(stage, "1")));
    }

    private static string[] AsUserWithoutRoot() =>
        Output("id", "-u") == "0" ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];

    private static string Inode(string path) => Output("stat", "-c", "%i", path);

    private static string Output(string program, params string[] arguments) => System.Text.Encoding.UTF8.GetString(TestProcess.RunBytes(program, arguments)).Trim();
}

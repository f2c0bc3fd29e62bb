using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// The scripts that remove a tree model-sync owns (a replaced version, a pruned one, a stale stage or seed) or write
/// into a stage seeded from one (the manifest, the ranges of the parallel streams), when the model was published read-only (directories 0555, files 0444, as <c>chmod -R a-w</c> leaves them), run by this
/// machine's dash as a user without root's bypass of permissions: as nobody when the tests run as root, as
/// <see cref="PrepareStageScriptTests"/> does. Such a directory keeps its entries even from its owner.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ReadOnlyModelScriptTests : IDisposable
{
    private const UnixFileMode ReadOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead
        | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode ReadOnlyFile = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static readonly DateTime StageTime = new(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly TempDirectory _dir = new("ms-read-only");

    /// <summary>The models' parent, as model_base is: the user's own, writable.</summary>
    private readonly string _base;

    public ReadOnlyModelScriptTests()
    {
        File.SetUnixFileMode(_dir.Path, ReadOnlyDirectory | UnixFileMode.UserWrite);
        _base = Directory.CreateDirectory(Path.Join(_dir.Path, "models")).FullName;
    }

    public void Dispose()
    {
        foreach (var directory in Directory.EnumerateDirectories(_dir.Path, "*", SearchOption.AllDirectories).Append(_dir.Path))
            File.SetUnixFileMode(directory, ReadOnlyDirectory | UnixFileMode.UserWrite);
        _dir.Dispose();
    }

    [Fact]
    public void APublishOverAReadOnlyVersionRemovesItAndKeepsTheNewVersionsModes()
    {
        // Before: the old version moved aside could not be emptied, its removal's failure was ignored, and it stayed as .model-sync-old.m.
        var target = ReadOnlyModel("m", "old weights");
        var stage = ReadOnlyModel(".model-sync-stage.m", "new weights");

        var run = RunAsUser(RemoteScripts.Publish, "publish", stage, target, Path.Join(_base, ".model-sync-old.m"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("new weights", File.ReadAllText(Path.Join(target, "sub", "weights.bin")));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(target));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(Path.Join(target, "sub")));
        Assert.Equal(ReadOnlyFile, File.GetUnixFileMode(Path.Join(target, "sub", "weights.bin")));
        Assert.Equal(["m"], Entries(_base));
    }

    [Fact]
    public void APublishDropsLeftRangesFromAReadOnlyStageAndKeepsItsModeAndTime()
    {
        // Before: the ranges could not be removed from a stage without u+w, and every publish of it failed.
        var stage = ReadOnlyModel(".model-sync-stage.m", "weights", stage =>
            File.WriteAllText(Path.Join(Directory.CreateDirectory(Path.Join(stage, ".model-sync-ranges", "1")).FullName, "part"), "range"));
        var target = Path.Join(_base, "m");

        var run = RunAsUser(RemoteScripts.Publish, "publish", stage, target, Path.Join(_base, ".model-sync-old.m"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["config.json", "sub"], Entries(target));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(target));
        Assert.Equal(StageTime, Directory.GetLastWriteTimeUtc(target));
        Assert.Equal(["m"], Entries(_base));
    }

    [Fact]
    public void AnOldVersionThatCannotGoAfterTheSwapLeavesThePublishDoneWithItsOwnStatusAndWhy()
    {
        // Before: exit 1, as if nothing were published, though the new version was in place.
        var target = ReadOnlyModel("m", "old weights");
        var stage = ReadOnlyModel(".model-sync-stage.m", "new weights");
        var old = Path.Join(_base, ".model-sync-old.m");

        var run = RunAsUserWithPath(RmRefusing(old), RemoteScripts.Publish, "publish", stage, target, old);

        Assert.Equal(RemoteScripts.PublishedOldLeft, run.ExitCode);
        Assert.Equal("new weights", File.ReadAllText(Path.Join(target, "sub", "weights.bin")));
        Assert.Equal($"rm: cannot remove '{old}/sub': Operation not permitted\n", run.Stderr);
        Assert.Equal([".model-sync-old.m", "m"], Entries(_base));
    }

    [Fact]
    public void APublishTriedAgainAfterItsSwapRemovesThePreviousVersionItLeft()
    {
        var target = ReadOnlyModel("m", "new weights");
        var old = ReadOnlyModel(".model-sync-old.m", "old weights");

        var run = RunAsUser(RemoteScripts.Publish, "publish", Path.Join(_base, ".model-sync-stage.m"), target, old);

        Assert.Equal((0, ""), (run.ExitCode, run.Stderr));
        Assert.Equal(["m"], Entries(_base));
    }

    [Fact]
    public void APreviousVersionLeftBesideALiveModelIsRemovedUnderTheLockTakenForThatMomentOnly()
    {
        var target = ReadOnlyModel("m", "new weights");
        var old = ReadOnlyModel(".model-sync-old.m", "old weights");
        var lockPath = Path.Join(_base, ".model-sync-lock.m");

        var run = RunAsUser(RemoteScripts.RemoveOld, "remove-old", target, old, lockPath, "token=ours");

        Assert.Equal((0, "removed\n"), (run.ExitCode, run.Stdout));
        Assert.Equal(["m"], Entries(_base));
    }

    [Fact]
    public void APreviousVersionThatStillCannotGoIsToldWithItsOwnStatusAndTheLockGivenBack()
    {
        var target = ReadOnlyModel("m", "new weights");
        var old = ReadOnlyModel(".model-sync-old.m", "old weights");

        var run = RunAsUserWithPath(RmRefusing(old), RemoteScripts.RemoveOld, "remove-old", target, old, Path.Join(_base, ".model-sync-lock.m"), "token=ours");

        Assert.Equal((RemoteScripts.PublishedOldLeft, "", $"rm: cannot remove '{old}/sub': Operation not permitted\n"), (run.ExitCode, run.Stdout, run.Stderr));
        Assert.Equal([".model-sync-old.m", "m"], Entries(_base));
    }

    [Fact]
    public void TheOldNameOfAPublishStoppedBetweenItsRenamesIsNeverRemoved()
    {
        // The target moved aside, the stage not yet in: the old name holds the only copy of the live model.
        var stage = ReadOnlyModel(".model-sync-stage.m", "new weights");
        var old = ReadOnlyModel(".model-sync-old.m", "old weights");

        var run = RunAsUser(RemoteScripts.RemoveOld, "remove-old", Path.Join(_base, "m"), old);

        Assert.Equal((0, "publishing\n"), (run.ExitCode, run.Stdout));
        Assert.Equal("old weights", File.ReadAllText(Path.Join(old, "sub", "weights.bin")));
        Assert.True(Directory.Exists(stage));
    }

    [Fact]
    public void APreviousVersionBesideATargetSomeoneElseHoldsIsLeftAlone()
    {
        var target = ReadOnlyModel("m", "new weights");
        var old = ReadOnlyModel(".model-sync-old.m", "old weights");
        var lockPath = Directory.CreateDirectory(Path.Join(_base, ".model-sync-lock.m")).FullName;

        var run = RunAsUser(RemoteScripts.RemoveOld, "remove-old", target, old, lockPath, "token=ours");

        Assert.Equal((0, "busy\n"), (run.ExitCode, run.Stdout));
        Assert.Equal([".model-sync-lock.m", ".model-sync-old.m", "m"], Entries(_base));
    }

    [Fact]
    public void APreviousVersionsRemovalGivesBackOnlyItsOwnLock()
    {
        // Before: the lock was removed by name once the removal ended. A push whose connection dropped leaves the removal
        // running on the server with its own process gone, so another push on that machine breaks the lock as stale and
        // takes it; removing it by name then removed that push's lock, and a third could take it beside the second.
        var target = ReadOnlyModel("m", "new weights");
        var old = ReadOnlyModel(".model-sync-old.m", "old weights");
        var lockPath = Path.Join(_base, ".model-sync-lock.m");

        var run = RunAsUserWithPath(RmTakenOverWhileRemoving(old, lockPath), RemoteScripts.RemoveOld, "remove-old", target, old, lockPath, "token=ours");

        Assert.Equal((0, "removed\n"), (run.ExitCode, run.Stdout));
        Assert.Equal("theirs", File.ReadAllText(Path.Join(lockPath, "holder")));
    }

    [Fact]
    public void AManifestIsRemovedFromAReadOnlyStageWhichKeepsItsModeAndTime()
    {
        var stage = ReadOnlyModel(".model-sync-stage.m", "weights", root => File.WriteAllText(Path.Join(root, RemoteScripts.RemoveManifestArguments(root)[1]), "{}"));

        var run = RunAsUser(RemoteScripts.RemoveManifest, "remove-manifest", [.. RemoteScripts.RemoveManifestArguments(stage)]);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["config.json", "sub"], Entries(stage));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(stage));
        Assert.Equal(StageTime, Directory.GetLastWriteTimeUtc(stage));
    }

    [Fact]
    public void PruningAReadOnlyVersionRemovesAllOfIt()
    {
        // Before: the version renamed aside was half removed and the script failed, leaving .model-sync-pruned.m.
        var version = ReadOnlyModel("m", "weights");

        var run = RunAsUser(RemoteScripts.RemoveVersion, "remove-version", version, Path.Join(_base, ".model-sync-stage.m"),
            Path.Join(_base, ".model-sync-old.m"), Path.Join(_base, ".model-sync-pruned.m"));

        Assert.Equal((0, "removed\n"), (run.ExitCode, run.Stdout));
        Assert.Empty(Entries(_base));
    }

    [Fact]
    public void RemovingAReadOnlyVersionLeavesWhatItsLinksPointToAsItWas()
    {
        var outside = ReadOnlyModel("shared", "shared weights");
        var version = ReadOnlyModel("m", "weights", root => File.CreateSymbolicLink(Path.Join(root, "sub", "shared"), outside));

        var run = RunAsUser(RemoteScripts.RemoveVersion, "remove-version", version, Path.Join(_base, ".model-sync-stage.m"),
            Path.Join(_base, ".model-sync-old.m"), Path.Join(_base, ".model-sync-pruned.m"));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["shared"], Entries(_base));
        Assert.Equal("shared weights", File.ReadAllText(Path.Join(outside, "sub", "weights.bin")));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(outside));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(Path.Join(outside, "sub")));
    }

    [Fact]
    public void AStaleReadOnlyStageIsDiscarded()
    {
        // Before: remove.sh removed the files it could and failed on the rest.
        var stage = ReadOnlyModel(".model-sync-stage.m", "weights");

        var run = RunAsUser(RemoteScripts.Remove, "remove", stage);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(Entries(_base));
    }

    [Fact]
    public void AStaleSeedOfAReadOnlyModelGivesWayToANewOne()
    {
        // Before: an interrupted seed (a hard-linked copy of the read-only target, modes and all) could not be removed, and every later push failed there.
        var target = ReadOnlyModel("m", "weights");
        ReadOnlyModel(".model-sync-seed.m", "weights of an interrupted seed");
        var stage = Path.Join(_base, ".model-sync-stage.m");

        var run = RunAsUser(RemoteScripts.PrepareStage, "prepare-stage", target, stage, Path.Join(_base, ".model-sync-seed.m"), "seed", "d");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("weights", File.ReadAllText(Path.Join(stage, "sub", "weights.bin")));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(Path.Join(stage, "sub")));
        Assert.Equal([".model-sync-stage.m", "m"], Entries(_base));
    }

    [Fact]
    public void AReadOnlyStageOfTheOtherKindIsReplaced()
    {
        // A file model pushed where a read-only directory stage was left.
        var target = Path.Join(_base, "m");
        File.WriteAllText(target, "weights");
        var stage = ReadOnlyModel(".model-sync-stage.m", "weights");

        var run = RunAsUser(RemoteScripts.PrepareStage, "prepare-stage", target, stage, Path.Join(_base, ".model-sync-seed.m"), "seed", "f");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("weights", File.ReadAllText(stage));
    }

    [Fact]
    public void AManifestIsWrittenIntoAReadOnlyStageWhichKeepsItsModeAndTime()
    {
        // Before: the manifest could not be created in a stage without u+w, and no model published read-only could be pushed.
        var stage = ReadOnlyModel(".model-sync-stage.m", "weights");

        var run = RunAsUserWithInput("{}", RemoteScripts.WriteManifest, "write-manifest", [.. RemoteScripts.WriteManifestArguments(stage, 2)]);

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Join(stage, ModelSync.Manifests.ModelManifest.FileName)));
        Assert.Equal(ReadOnlyDirectory, File.GetUnixFileMode(stage));
        Assert.Equal(StageTime, Directory.GetLastWriteTimeUtc(stage));
    }

    [Fact]
    public void RangesLandInAStageSeededFromAReadOnlyVersion()
    {
        // Before: the records could not be made in the stage, nor a part renamed into a directory of it without u+w.
        var stage = ReadOnlyModel(".model-sync-stage.m", "weights");
        var records = Path.Join(stage, ".model-sync-ranges");

        var write = RunAsUserWithInput("range", RangeScripts.Write, "range-write", Path.Join(records, "key"), "0", "5", "last");
        var finish = RunAsUserWithInput("f key 1 2024-05-01T00:00:00Z 444 sub/new.bin\ne\n", RangeScripts.Finish, "ranges-finish", records, stage, "d", "first");

        Assert.Equal((0, 0), (write.ExitCode, finish.ExitCode));
        Assert.Equal("range", File.ReadAllText(Path.Join(stage, "sub", "new.bin")));
        Assert.Equal(["config.json", "sub"], Entries(stage));
    }

    [Fact]
    public void ANewVersionsStageLinksEveryFileItSharesWithAReadOnlyBasis()
    {
        // cp -al --parents gives each directory it makes the basis's mode (0555): every later file of that directory is
        // refused its link (silenced by 2>/dev/null) and sent whole, so a read-only basis saves only one file per directory.
        var basis = ReadOnlyModel("m_1", "weights", root => File.WriteAllText(Path.Join(root, "sub", "tokenizer.json"), "tokens"));
        var stage = Path.Join(_base, ".model-sync-stage.m_2");

        var run = RunAsUserWithInput("./config.json\0./sub/tokenizer.json\0./sub/weights.bin\0", RemoteScripts.PrepareStage, "prepare-stage",
            Path.Join(_base, "m_2"), stage, Path.Join(_base, ".model-sync-seed.m_2"), "basis", "d", basis, "keep");

        Assert.Equal(0, run.ExitCode);
        foreach (var file in new[] { "config.json", Path.Join("sub", "tokenizer.json"), Path.Join("sub", "weights.bin") })
            Assert.Equal((file, Inode(Path.Join(basis, file))), (file, File.Exists(Path.Join(stage, file)) ? Inode(Path.Join(stage, file)) : "missing"));
    }

    [Fact]
    public void RemovingATreeNamedLikeAFindOptionTouchesNothingElse()
    {
        // find "$1" takes a relative name starting with '-' as its expression: with "-delete" and no starting point it
        // deletes everything under the working directory that it can.
        var work = Directory.CreateDirectory(Path.Join(_base, "work")).FullName;
        File.WriteAllText(Path.Join(Directory.CreateDirectory(Path.Join(work, "keep")).FullName, "weights.bin"), "weights");
        var doomed = ReadOnlyModel(Path.Join("work", "-delete"), "weights");
        Assert.True(Directory.Exists(doomed));

        var run = Run(null, "", RemoteScripts.Remove, "remove", ["-delete"], work);

        Assert.True(File.Exists(Path.Join(work, "keep", "weights.bin")), "a file beside the tree removed was deleted");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal(["keep"], Entries(work));
    }

    private static string Inode(string path) => Encoding.UTF8.GetString(TestProcess.RunBytes("stat", ["-c", "%i", path])).Trim();

    /// <summary>A model under <see cref="_base"/> as a user publishes it read-only, owned by the user the scripts run as.</summary>
    private string ReadOnlyModel(string name, string weights, Action<string>? alsoHolds = null)
    {
        var root = Directory.CreateDirectory(Path.Join(_base, name)).FullName;
        var sub = Directory.CreateDirectory(Path.Join(root, "sub")).FullName;
        File.WriteAllText(Path.Join(sub, "weights.bin"), weights);
        File.WriteAllText(Path.Join(root, "config.json"), "{}");
        alsoHolds?.Invoke(root);
        if (AsUserWithoutRoot().Length > 0) TestProcess.RunBytes("chown", ["-R", "-h", "65534:65534", _base]);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)) File.SetUnixFileMode(file, ReadOnlyFile);
        foreach (var directory in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Reverse().Append(root))
        {
            Directory.SetLastWriteTimeUtc(directory, StageTime);
            File.SetUnixFileMode(directory, ReadOnlyDirectory);
        }
        return root;
    }

    /// <summary>A directory holding an <c>rm</c> that refuses <paramref name="path"/> as a file another user owns inside it would.</summary>
    private string RmRefusing(string path)
    {
        var bin = Directory.CreateDirectory(Path.Join(_dir.Path, "bin")).FullName;
        File.WriteAllText(Path.Join(bin, "rm"),
            $"#!/bin/sh\nif [ \"$3\" = '{path}' ]; then echo \"rm: cannot remove '{path}/sub': Operation not permitted\" >&2; exit 1; fi\nexec /bin/rm \"$@\"\n");
        File.SetUnixFileMode(Path.Join(bin, "rm"), ReadOnlyFile | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(bin, ReadOnlyDirectory);
        return bin;
    }

    /// <summary>An rm that, asked to remove <paramref name="path"/>, first has another holder break the lock at <paramref name="lockPath"/> and take it.</summary>
    private string RmTakenOverWhileRemoving(string path, string lockPath)
    {
        var bin = Directory.CreateDirectory(Path.Join(_dir.Path, "bin")).FullName;
        File.WriteAllText(Path.Join(bin, "rm"),
            $"#!/bin/sh\nif [ \"$3\" = '{path}' ]; then /bin/rm -rf -- '{lockPath}' && mkdir -- '{lockPath}' && printf theirs > '{lockPath}/holder'; fi\nexec /bin/rm \"$@\"\n");
        File.SetUnixFileMode(Path.Join(bin, "rm"), ReadOnlyFile | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(bin, ReadOnlyDirectory);
        return bin;
    }

    private static string[] Entries(string directory) =>
        [.. Directory.EnumerateFileSystemEntries(directory).Select(e => Path.GetFileName(e)!).Order(StringComparer.Ordinal)];

    private static (int ExitCode, string Stdout, string Stderr) RunAsUser(string script, string name, params string[] arguments) =>
        RunAsUserWithPath(null, script, name, arguments);

    private static (int ExitCode, string Stdout, string Stderr) RunAsUserWithInput(string input, string script, string name, params string[] arguments) =>
        Run(null, input, script, name, arguments);

    private static (int ExitCode, string Stdout, string Stderr) RunAsUserWithPath(string? pathFirst, string script, string name, params string[] arguments) =>
        Run(pathFirst, "", script, name, arguments);

    /// <summary>Runs <paramref name="script"/> as the user without root's bypass with <paramref name="input"/> on stdin, its exit code and output; <paramref name="pathFirst"/> is searched before /usr/bin and /bin.</summary>
    private static (int ExitCode, string Stdout, string Stderr) Run(string? pathFirst, string input, string script, string name, string[] arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo("/usr/bin/env") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (workingDirectory is not null) info.WorkingDirectory = workingDirectory;
        foreach (var argument in (string[])[.. pathFirst is null ? [] : (string[])["PATH=" + pathFirst + ":/usr/bin:/bin"], .. AsUserWithoutRoot(),
                     "dash", "-c", script, name, .. arguments])
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("could not start dash");
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
    }

    private static string[] AsUserWithoutRoot() =>
        Encoding.UTF8.GetString(TestProcess.RunBytes("id", ["-u"])).Trim() == "0" ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : [];
}

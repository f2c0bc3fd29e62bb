using System.Runtime.Versioning;
using System.Text;
using ModelSync.Paths;
using ModelSync.Remotes;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Remotes;

/// <summary>
/// remove-old.sh takes the target's lock for the removal only, through lock-acquire.sh and lock-release.sh for no stage:
/// the stage beside the target, if any, belongs to a push that stopped, and its resume record is how that push's rerun
/// resumes. Run by this machine's dash.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RemoveOldLockScriptTests : IDisposable
{
    private readonly TempDirectory _dir = new("ms-remove-old-lock");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void ARemovalUnderALockForNoStageLeavesAStagesResumeRecordAsItWas()
    {
        // Given the record, lock-acquire.sh removes it as superseded and lock-release.sh puts its own holder there.
        var target = Directory.CreateDirectory(Path.Join(_dir.Path, "m")).FullName;
        var old = Directory.CreateDirectory(StageNames.Old(target)).FullName;
        File.WriteAllText(Path.Join(old, "w.bin"), "the version before");
        Directory.CreateDirectory(StageNames.Stage(target));
        File.WriteAllText(StageNames.Resume(target), "token=stopped\n");

        var output = TestProcess.RunBytes("dash", ["-c", RemoteScripts.RemoveOld, "remove-old", target, old, StageNames.Lock(target), "host=here\ntoken=ours\n"]);

        Assert.Equal("removed\n", Encoding.UTF8.GetString(output));
        Assert.Equal("token=stopped\n", File.ReadAllText(StageNames.Resume(target)));
        Assert.False(Path.Exists(old) || Path.Exists(StageNames.Lock(target)));
    }

    [Fact]
    public void ALockForNoStageIsGivenBackLeavingAResumeRecordWhoseStageIsGoneAsItWas()
    {
        // lock-release.sh given a stage and its record removes the record when the stage is gone.
        var target = Directory.CreateDirectory(Path.Join(_dir.Path, "m")).FullName;
        var old = Directory.CreateDirectory(StageNames.Old(target)).FullName;
        File.WriteAllText(StageNames.Resume(target), "token=stopped\n");

        var output = TestProcess.RunBytes("dash", ["-c", RemoteScripts.RemoveOld, "remove-old", target, old, StageNames.Lock(target), "host=here\ntoken=ours\n"]);

        Assert.Equal("removed\n", Encoding.UTF8.GetString(output));
        Assert.Equal("token=stopped\n", File.ReadAllText(StageNames.Resume(target)));
        Assert.False(Path.Exists(StageNames.Lock(target)));
    }
}

using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.Tests.Remotes;

public sealed class RemoteFailureTests
{
    private static readonly ServerAlias Reaper = new("reaper", "reaper.internal", "june", null, "/models", null, []);
    private static readonly ServerAlias Local = new("local", null, null, null, "/home/june/workspace/models", null, []);

    private static ModelSyncException Describe(ServerAlias alias, int exitCode, string stderr) =>
        RemoteFailure.Describe(alias, "prepare the staging area", new ProcessResult(exitCode, [], stderr));

    [Theory]
    [InlineData("cp: error writing '/models/.model-sync-stage.bert/1/model.onnx': No space left on device")]
    [InlineData("rsync: [receiver] write failed on \"/models/x\": Disk quota exceeded (122)")]
    public void NoSpaceSaysToFreeSpaceAndRerun(string stderr)
    {
        var error = Describe(Reaper, 1, stderr);

        Assert.Equal(ExitCodes.Failed, error.ExitCode);
        Assert.Equal("no space left on reaper while trying to prepare the staging area", error.Message);
        Assert.Contains("free space", error.Fix, StringComparison.Ordinal);
        Assert.Contains("run the same command again", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnlyFileSystemSaysToChooseAWritablePlace()
    {
        var error = Describe(Reaper, 1, "mkdir: cannot create directory '/models/x': Read-only file system");

        Assert.Equal("read-only file system on reaper while trying to prepare the staging area", error.Message);
        Assert.Contains("writable", error.Fix, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("june")]
    [InlineData(null)]
    public void PermissionDeniedNamesTheLineAndTheUser(string? user)
    {
        var alias = Reaper with { User = user };

        var error = Describe(alias, 1, "some noise\nmkdir: cannot create directory '/models/x': Permission denied\n");

        Assert.Equal(
            "permission denied on reaper while trying to prepare the staging area: mkdir: cannot create directory '/models/x': Permission denied",
            error.Message);
        Assert.Contains(user ?? "the login user", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherFailureNamesExitCodeAndLastLine()
    {
        var error = Describe(Reaper, 41, "first\nsh: cd: can't cd to /models/x\n");

        Assert.Equal("could not prepare the staging area on reaper (exit 41): sh: cd: can't cd to /models/x", error.Message);
        Assert.Equal(ExitCodes.Failed, error.ExitCode);
    }

    [Fact]
    public void TarsClosingSummaryGivesWayToTheErrorItPointsAt()
    {
        var error = Describe(Reaper, 2,
            "tar: ./tokenizers/lang_070/vocab_00070.json: Cannot open: No such file or directory\ntar: ./b: Cannot open: No such file or directory\n"
            + "tar: Exiting with failure status due to previous errors\n");

        Assert.Equal("could not prepare the staging area on reaper (exit 2): tar: ./tokenizers/lang_070/vocab_00070.json: Cannot open: No such file or directory",
            error.Message);
    }

    [Fact]
    public void TarsSummaryAloneIsStillSaid()
    {
        var error = Describe(Reaper, 2, "tar: Exiting with failure status due to previous errors\n");

        Assert.EndsWith("(exit 2): tar: Exiting with failure status due to previous errors", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit255FromARemoteIsAnSshFailure()
    {
        var error = Describe(Reaper, 255, "june@reaper.internal: Permission denied (publickey).");

        Assert.StartsWith("authentication to reaper.internal:22 ('reaper') failed", error.Message, StringComparison.Ordinal);
        Assert.Contains("ssh-add -l", error.Fix, StringComparison.Ordinal);
    }

    [Fact]
    public void Exit255FromThisMachineIsNotTreatedAsSsh()
    {
        var error = Describe(Local, 255, "mkdir: cannot create directory '/x': Permission denied");

        Assert.StartsWith("permission denied on local while trying to prepare the staging area", error.Message, StringComparison.Ordinal);
    }
}

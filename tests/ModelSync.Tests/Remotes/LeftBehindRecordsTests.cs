using ModelSync.Paths;
using ModelSync.Remotes;
using ModelSync.Reporting;

namespace ModelSync.Tests.Remotes;

public sealed class LeftBehindRecordsTests
{
    [Fact]
    public void HolderRecordsAreReadInOrderAndAnUnreadableOneIsNull()
    {
        var stdout = "record\nhost=a\npid=1\ncommand=model-sync push ./m alpha\n\nrecord\n\nrecord\nhost=b\npid=2\ncommand=model-sync pull alpha:m ./m\n\n";

        var holders = ShellRemote.ReadHolderRecords(stdout, 3);

        Assert.Equal(["model-sync push ./m alpha", null, "model-sync pull alpha:m ./m"], holders.Select(h => h?.Command));
        Assert.Equal(2, holders[2]!.Pid);
    }

    [Theory]
    [InlineData(".model-sync-stage.ASR_v1", "stage", "ASR_v1")]
    [InlineData(".model-sync-lock.a.b", "lock", "a.b")]
    [InlineData(".model-sync-resume.m", "resume", "m")]
    public void ControlNamesSayTheirRoleAndTarget(string name, string role, string target)
    {
        Assert.True(StageNames.TryParse(name, out var parsedRole, out var parsedTarget));
        Assert.Equal((role, target), (parsedRole, parsedTarget));
    }

    [Theory]
    [InlineData("ASR_v1")]
    [InlineData(".model-sync-lock.")]
    public void OtherNamesAreNotControlSiblings(string name) =>
        Assert.False(StageNames.TryParse(name, out _, out _));

    [Theory]
    [InlineData(30, "30 s")]
    [InlineData(300, "5 min")]
    [InlineData(3 * 3600 + 5, "3 h")]
    [InlineData(2 * 86400, "2 d")]
    public void AgesUseTheLargestWholeUnit(int seconds, string expected) =>
        Assert.Equal(expected, LeftBehindReport.Age(TimeSpan.FromSeconds(seconds)));
}

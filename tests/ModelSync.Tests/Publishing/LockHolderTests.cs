using ModelSync.Remotes;

namespace ModelSync.Tests.Publishing;

public sealed class LockHolderTests
{
    [Fact]
    public void TheMachineIdentitySurvivesARoundTripAndAnOlderLockHasNone()
    {
        var holder = new LockHolder("vm", 42, "2026-01-01 00:00:00Z", "model-sync push m alpha", "t", "3d1219c7c4c5404aaa1f6d2a48adfda4/pid:[4026531836]");

        Assert.Equal(holder, LockHolder.Parse(holder.Serialize().Split('\n')));
        Assert.Null(LockHolder.Parse(["host=vm", "pid=42", "since=s", "command=c", "token=t"]).Machine);
    }

    [Fact]
    public void AHolderFileThatRepeatsAFieldIsReadNotThrownOn()
    {
        var holder = LockHolder.Parse(["host=vm", "pid=42", "host=other", "token=t", "garbage", "pid=x"]);

        Assert.Equal("other", holder.Host);
        Assert.Equal(0, holder.Pid);
        Assert.Equal("?", holder.Command);
    }
}

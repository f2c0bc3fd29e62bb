using ModelSync.Publishing;
using ModelSync.Remotes;
using ModelSync.Transfer;

namespace ModelSync.Tests.Publishing;

/// <summary>A lock whose holder's process is gone is stale, unless the finish it records still runs on the server.</summary>
public sealed class LockFinisherStaleTests
{
    private static readonly LockPolicy Policy = LockPolicy.Default;

    /// <summary>A holder on another machine: only its age, or its finish, can make it stale.</summary>
    private static readonly LockHolder Elsewhere = new("some-other-host", 42, "2026-01-01 00:00:00Z", "model-sync push m alpha", "t", "another-machine");

    [Fact]
    public void ALockWhoseFinishStillRunsIsNeverStaleHoweverOld()
    {
        var holder = Elsewhere with { Finisher = new LockFinisher(FinisherState.Running, HandedOver: true) };

        Assert.False(TargetLock.IsStale(holder, Policy.StaleAfter * 2, Policy));
    }

    [Fact]
    public void ALockHandedToAFinishThatEndedWithoutGivingItBackIsStaleAtOnce()
    {
        Assert.True(TargetLock.IsStale(Elsewhere with { Finisher = new LockFinisher(FinisherState.Ended, HandedOver: true) }, TimeSpan.Zero, Policy));
        Assert.False(TargetLock.IsStale(Elsewhere with { Finisher = new LockFinisher(FinisherState.Ended, HandedOver: false) }, TimeSpan.Zero, Policy));
    }

    [Fact]
    public void ALockWhoseFinishWasRecordedOnAnotherHostIsJudgedByItsAgeAlone()
    {
        var here = new LockHolder(Environment.MachineName, int.MaxValue, "s", "c", "t", MachineIdentity.Current)
        {
            Finisher = new LockFinisher(FinisherState.Elsewhere, HandedOver: false),
        };

        Assert.False(TargetLock.IsStale(here, TimeSpan.Zero, Policy));
        Assert.True(TargetLock.IsStale(here, Policy.StaleAfter * 2, Policy));
    }

    [Theory]
    [InlineData("finisher live handed", FinisherState.Running, true)]
    [InlineData("finisher gone", FinisherState.Ended, false)]
    [InlineData("finisher elsewhere", FinisherState.Elsewhere, false)]
    [InlineData("finisher none", FinisherState.None, false)]
    [InlineData("host=vm", FinisherState.None, false)]
    public void TheLockScriptsLineIsRead(string line, FinisherState state, bool handed) =>
        Assert.Equal(new LockFinisher(state, handed), LockFinisher.Parse(line));
}

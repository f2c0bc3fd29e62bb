using ModelSync.Errors;
using ModelSync.Fleet;
using ModelSync.Paths;

namespace ModelSync.Tests.Fleet;

public sealed class FleetRunnerTests
{
    private static readonly RemoteSpec[] Eight = Enumerable.Range(1, 8).Select(i => new RemoteSpec($"s{i}", null)).ToArray();

    [Fact]
    public async Task NeverRunsMoreThanParallelAtOnceAndKeepsTheOrder()
    {
        var running = 0;
        var most = 0;
        var outcomes = await FleetRunner.RunAsync(Eight, 3, async (target, token) =>
        {
            var now = Interlocked.Increment(ref running);
            lock (Eight) most = Math.Max(most, now);
            await Task.Delay(20, token); // work that takes a while, so calls overlap: how many run at once is what is measured
            Interlocked.Decrement(ref running);
            return target.Alias;
        }, null, null, CancellationToken.None);

        Assert.Equal(3, most);
        Assert.Equal(Eight.Select(t => t.Alias), outcomes.Select(o => o.Result));
    }

    [Fact]
    public async Task OneServerFailingDoesNotStopTheOthers()
    {
        var done = new List<string>();
        var outcomes = await FleetRunner.RunAsync(Eight, 4, (target, _) =>
            target.Alias == "s2" ? throw new ModelSyncException("cannot reach s2", ExitCodes.Failed, "check it") : Task.FromResult(target.Alias),
            null, o => { lock (done) done.Add(o.Server); }, CancellationToken.None);

        Assert.Equal(7, outcomes.Count(o => o.Ok));
        var failed = Assert.Single(outcomes, o => !o.Ok);
        Assert.Equal("s2", failed.Server);
        Assert.Equal("cannot reach s2 — check it", failed.Failure!.Line);
        Assert.Equal(8, done.Count);
    }

    [Fact]
    public async Task AJudgedResultIsAFailureThatKeepsItsResult()
    {
        var outcomes = await FleetRunner.RunAsync(Eight[..2], 2, (t, _) => Task.FromResult(t.Alias),
            r => r == "s1" ? new TargetFailure(ExitCodes.VerificationFailed, "differs", null) : null, null, CancellationToken.None);

        Assert.Equal("s1", outcomes[0].Result);
        Assert.Equal(ExitCodes.VerificationFailed, outcomes[0].Failure!.ExitCode);
        Assert.True(outcomes[1].Ok);
    }

    [Theory]
    [InlineData(new int[0], 0)]
    [InlineData(new[] { 1 }, 1)]
    [InlineData(new[] { 1, 2 }, 2)]
    [InlineData(new[] { 1, 2, 3 }, 3)]
    [InlineData(new[] { 3, 130, 1 }, 130)]
    [InlineData(new[] { 7, 1 }, 1)]
    public void ExitCodeIsTheMostSeriousFailure(int[] codes, int expected) =>
        Assert.Equal(expected, FleetRunner.ExitCode(codes.Select(c => new TargetFailure(c, "x", null)).Append(null)));

    [Fact]
    public async Task ParallelBelowOneIsTheSameUsageErrorWhereverItIsGiven()
    {
        Task<string> Unit(RemoteSpec target, CancellationToken token) => Task.FromResult(target.Alias);
        Task<RelayLeg<string>> Copy(RemoteSpec from, RemoteSpec to, CancellationToken token) => Task.FromResult(RelayLeg.Copied(to.Alias));

        ModelSyncException[] refusals =
        [
            Assert.Throws<ModelSyncException>(() => new ParallelFanOut(0)),
            Assert.Throws<ModelSyncException>(() => new RelayFanOut(-1)),
            await Assert.ThrowsAsync<ModelSyncException>(() => FleetRunner.RunAsync(Eight, 0, Unit, null, null, CancellationToken.None)),
            await Assert.ThrowsAsync<ModelSyncException>(() => RelayScheduler.RunAsync(Eight, 0, Unit, Copy, null, null, CancellationToken.None)),
        ];

        Assert.All(refusals, r => Assert.Equal(ExitCodes.Usage, r.ExitCode));
        Assert.Equal(["--parallel 0 must be at least 1", "--parallel -1 must be at least 1", "--parallel 0 must be at least 1", "--parallel 0 must be at least 1"],
            refusals.Select(r => r.Message));
    }
}

using System.Collections.Concurrent;
using ModelSync.Errors;
using ModelSync.Fleet;
using ModelSync.Paths;

namespace ModelSync.Tests.Fleet;

/// <summary>The order of a relayed fan-out, with units of work that only record what they were asked to do.</summary>
public sealed class RelaySchedulerTests
{
    private static readonly RemoteSpec[] Eight = Enumerable.Range(1, 8).Select(i => new RemoteSpec($"s{i}", null)).ToArray();

    [Fact]
    public async Task OnePushThenSourcesDoubleEachRoundAndEverySourceHeldTheModelFirst()
    {
        var work = new FakeWork();

        var outcomes = await work.RunAsync(Eight, parallel: 4);

        Assert.All(outcomes, o => Assert.True(o.Ok));
        Assert.Equal(["s1"], work.Pushes);
        Assert.Null(outcomes[0].CopiedFrom);
        Assert.Equal(Eight.Skip(1).Select(t => t.Alias), outcomes.Skip(1).Select(o => o.Result));
        Assert.Equal("s1", outcomes[1].CopiedFrom);
        Assert.Equal(7, work.Legs.Count);
        // s1 → s2; then s1, s2 → two more; then four sources → the last four: eight servers in three rounds of copies.
        Assert.Equal(3, work.Round.Values.Max());
        Assert.Equal(4, work.MostAtOnce);
        Assert.True(work.NoSourceServedTwoAtOnce);
    }

    [Fact]
    public async Task ParallelBoundsTheLegsRunningAtOnce()
    {
        var work = new FakeWork();

        var outcomes = await work.RunAsync(Eight, parallel: 2);

        Assert.All(outcomes, o => Assert.True(o.Ok));
        Assert.Equal(2, work.MostAtOnce);
        Assert.Single(work.Pushes);
    }

    [Fact]
    public async Task WhenTheSeedPushFailsTheNextServerBecomesTheSeed()
    {
        var work = new FakeWork { PushFails = { "s1", "s2" } };

        var outcomes = await work.RunAsync(Eight, parallel: 4);

        Assert.Equal(["s1", "s2", "s3"], work.Pushes);
        Assert.Equal(["s1", "s2"], outcomes.Where(o => !o.Ok).Select(o => o.Server));
        Assert.Equal("cannot reach s1 — check it", outcomes[0].Failure!.Line);
        Assert.DoesNotContain(work.Legs, l => l.Source is "s1" or "s2" || l.Target is "s1" or "s2");
        Assert.Equal(5, work.Legs.Count);
        Assert.All(outcomes.Skip(3), o => Assert.True(o.Ok && o.CopiedFrom is not null));
    }

    [Fact]
    public async Task AFailedTargetIsReportedAndNeverASourceAndTheOthersGetTheirCopyElsewhere()
    {
        var work = new FakeWork { CopyThrows = { "s2" } };

        var outcomes = await work.RunAsync(Eight, parallel: 4);

        var failed = Assert.Single(outcomes, o => !o.Ok);
        Assert.Equal("s2", failed.Server);
        Assert.Equal("s1", failed.CopiedFrom);
        Assert.Equal(["s1"], work.Pushes);
        Assert.DoesNotContain(work.Legs, l => l.Source == "s2");
        Assert.Equal(7, outcomes.Count(o => o.Ok));
    }

    [Fact]
    public async Task AFailedRouteIsPushedFromThisMachineWithAWarningAndThatServerThenServesOthers()
    {
        var work = new FakeWork { RouteFails = { "s2" } };

        var outcomes = await work.RunAsync(Eight, parallel: 4);

        Assert.All(outcomes, o => Assert.True(o.Ok));
        Assert.Equal(["s1", "s2"], work.Pushes);
        Assert.Null(outcomes[1].CopiedFrom);
        Assert.Equal("copy from s1 failed: s1 cannot reach s2; pushed from this machine instead", outcomes[1].Warning);
        Assert.Contains(work.Legs, l => l.Source == "s2");
        Assert.All(outcomes.Where(o => o.Server != "s2"), o => Assert.Null(o.Warning));
    }

    [Fact]
    public async Task ACopyThatDoesNotVerifyIsARouteFailureAndAFailedFallbackIsTheTargetsFailure()
    {
        var work = new FakeWork { CopyDiffers = { "s3" }, PushFails = { "s3" } };

        var outcomes = await work.RunAsync(Eight[..4], parallel: 4);

        Assert.Equal(["s1", "s3"], work.Pushes);
        var failed = Assert.Single(outcomes, o => !o.Ok);
        Assert.Equal("s3", failed.Server);
        Assert.Equal("cannot reach s3 — check it", failed.Failure!.Line);
        Assert.StartsWith("copy from s", failed.Warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhenNoServerTakesThePushEachIsTriedOnceAndNothingIsCopied()
    {
        var work = new FakeWork { PushFails = { "s1", "s2", "s3" } };

        var outcomes = await work.RunAsync(Eight[..3], parallel: 4);

        Assert.All(outcomes, o => Assert.False(o.Ok));
        Assert.Equal(["s1", "s2", "s3"], work.Pushes);
        Assert.Empty(work.Legs);
    }

    /// <summary>Pushes and copies that take a moment and succeed unless told otherwise; results are the target's name.</summary>
    private sealed class FakeWork
    {
        private readonly ConcurrentDictionary<string, bool> _busySources = new();
        private readonly HashSet<string> _holders = [];
        private int _running;

        public HashSet<string> PushFails { get; } = [];

        public HashSet<string> CopyThrows { get; } = [];

        public HashSet<string> RouteFails { get; } = [];

        public HashSet<string> CopyDiffers { get; } = [];

        public List<string> Pushes { get; } = [];

        public List<(string Source, string Target)> Legs { get; } = [];

        /// <summary>How many copies each server is away from this machine's push.</summary>
        public Dictionary<string, int> Round { get; } = [];

        public int MostAtOnce { get; private set; }

        public bool NoSourceServedTwoAtOnce { get; private set; } = true;

        public Task<IReadOnlyList<TargetOutcome<string>>> RunAsync(IReadOnlyList<RemoteSpec> targets, int parallel) =>
            RelayScheduler.RunAsync(targets, parallel, PushAsync, CopyAsync,
                r => r.EndsWith('!') ? new TargetFailure(ExitCodes.VerificationFailed, "differs", null) : null,
                null, CancellationToken.None);

        private async Task<string> PushAsync(RemoteSpec target, CancellationToken token)
        {
            lock (this) Pushes.Add(target.Alias);
            await Busy(token);
            if (PushFails.Contains(target.Alias)) throw new ModelSyncException($"cannot reach {target.Alias}", ExitCodes.Failed, "check it");
            lock (this)
            {
                _holders.Add(target.Alias);
                Round[target.Alias] = 0;
            }
            return target.Alias;
        }

        private async Task<RelayLeg<string>> CopyAsync(RemoteSpec source, RemoteSpec target, CancellationToken token)
        {
            lock (this)
            {
                Assert.True(_holders.Contains(source.Alias), $"{source.Alias} was a source before it held the model");
                Legs.Add((source.Alias, target.Alias));
            }
            if (!_busySources.TryAdd(source.Alias, true)) NoSourceServedTwoAtOnce = false;
            try
            {
                await Busy(token);
            }
            finally
            {
                _busySources.TryRemove(source.Alias, out _);
            }
            if (CopyThrows.Contains(target.Alias)) throw new ModelSyncException($"cannot reach {target.Alias}", ExitCodes.Failed, "check it");
            if (RouteFails.Contains(target.Alias)) return RelayLeg.RouteFailed<string>(new TargetFailure(ExitCodes.Failed, $"{source.Alias} cannot reach {target.Alias}", null));
            if (CopyDiffers.Contains(target.Alias)) return RelayLeg.Copied(target.Alias + "!");
            lock (this)
            {
                _holders.Add(target.Alias);
                Round[target.Alias] = Round[source.Alias] + 1;
            }
            return RelayLeg.Copied(target.Alias);
        }

        private async Task Busy(CancellationToken token)
        {
            var now = Interlocked.Increment(ref _running);
            lock (this) MostAtOnce = Math.Max(MostAtOnce, now);
            await Task.Delay(40, token); // a leg that takes a while, so legs overlap: how many run at once is what is measured
            Interlocked.Decrement(ref _running);
        }
    }
}

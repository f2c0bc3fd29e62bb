using ModelSync.Errors;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Planning;
using ModelSync.Preflight;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using ModelSync.Transfer;
using ModelSync.Verification;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Preflight;

/// <summary>Removals are agreed before the lock (refused without --delete, confirmed with it) and held to after it.</summary>
public sealed class RemovalConsentTests
{
    private static readonly TreeListing Source = Tree(File("config.pbtxt", 10, Time + 5));

    private static readonly TreeListing Target = Tree(File("config.pbtxt", 10), File("stale.bin", 7));

    [Fact]
    public void AKindChangeWithoutDeleteIsRefusedBeforeAnythingIsAsked()
    {
        var consent = new Answering(true);
        var run = Run(new(EntryKind.File, [File("", 10)]), Tree(Dir("1"), File("1/model.onnx", 5)), delete: false, consent);

        var refused = Assert.Throws<ModelSyncException>(() => RemovalConsent.Ask(run));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal("gpu:/models/m: 3 entries would be removed without --delete: the target itself (a directory, replaced by a file), 1/, 1/model.onnx; nothing was changed", refused.Message);
        Assert.Contains("--delete --yes", refused.Fix, StringComparison.Ordinal);
        Assert.Null(consent.Asked);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void WithDeleteTheRemovalsAreAskedForAndANoStopsTheRun(bool yes)
    {
        var consent = new Answering(yes);
        var run = Run(Source, Target, delete: true, consent);

        var refusal = Record.Exception(() => RemovalConsent.Ask(run));

        Assert.Equal(["stale.bin"], consent.Asked!.Select(e => e.Removed));
        Assert.Equal("gpu", consent.Server);
        Assert.Equal(yes ? null : ExitCodes.Usage, (refusal as ModelSyncException)?.ExitCode);
    }

    [Fact]
    public void WithNoOneToAskNothingIsRemoved()
    {
        var run = Run(Source, Target, delete: true);

        var refused = Assert.Throws<ModelSyncException>(() => RemovalConsent.Ask(run));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Equal("--delete would remove 1 file from gpu:/models/m; nothing was changed", refused.Message);
    }

    [Fact]
    public async Task AnUnchangedTargetKeepsTheAgreedPlan()
    {
        var run = Run(Source, Target, delete: true);

        var rechecked = await RemovalConsent.RecheckAsync(run);

        Assert.Equal(run.Plan.ToRemove.Select(e => e.Path), rechecked.Plan.ToRemove.Select(e => e.Path));
    }

    [Theory]
    [InlineData("a file added", "added.bin")]
    [InlineData("an agreed file changed", "stale.bin")]
    public async Task ARemovalNotAgreedToStopsTheRun(string what, string path)
    {
        var run = Run(Source, Target, delete: true);
        ((MemoryRemote)run.Target.Remote).Put(run.Target.Path, what == "a file added"
            ? Tree(File("config.pbtxt", 10), File("stale.bin", 7), File("added.bin", 1))
            : Tree(File("config.pbtxt", 10), File("stale.bin", 700)));

        var stopped = await Assert.ThrowsAsync<ModelSyncException>(() => RemovalConsent.RecheckAsync(run));

        Assert.Equal(ExitCodes.Failed, stopped.ExitCode);
        Assert.Contains("changed after it was listed", stopped.Message, StringComparison.Ordinal);
        Assert.Contains(path, stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATargetThatAppearedMeanwhileIsPlannedAgainstNotReplaced()
    {
        var run = Run(Source, null, delete: false);
        ((MemoryRemote)run.Target.Remote).Put(run.Target.Path, Target);

        var rechecked = await RemovalConsent.RecheckAsync(run);

        Assert.True(rechecked.SameKind, "the stage must start from what is there now");
        Assert.Empty(rechecked.Plan.ToRemove);
    }

    [Fact]
    public async Task ADirectoryThatAppearedWhereAFileGoesStopsTheRun()
    {
        var file = new TreeListing(EntryKind.File, [File("", 10)]);
        var run = Run(file, null, delete: false);
        ((MemoryRemote)run.Target.Remote).Put(run.Target.Path, Tree(File("theirs.bin", 3)));

        var stopped = await Assert.ThrowsAsync<ModelSyncException>(() => RemovalConsent.RecheckAsync(run));

        Assert.Contains("theirs.bin", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATargetThatBecameALinkMeanwhileIsRefusedNotWrittenThrough()
    {
        var run = Run(Source, Target, delete: true);
        ((MemoryRemote)run.Target.Remote).Put(run.Target.Path, Target with { RootLink = "v3" });

        var refused = await Assert.ThrowsAsync<ModelSyncException>(() => RemovalConsent.RecheckAsync(run));

        Assert.Equal(ExitCodes.Usage, refused.ExitCode);
        Assert.Contains("is a symlink to /models/v3", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithReplaceLinkALinkFoundAgainUnderTheLockIsStillAnEmptyTarget()
    {
        var run = Run(Source, null, delete: true);
        run = run with { Options = run.Options with { ReplaceLink = true } };
        ((MemoryRemote)run.Target.Remote).Put(run.Target.Path, Target with { RootLink = "v3" });

        var rechecked = await RemovalConsent.RecheckAsync(run);

        Assert.Null(rechecked.TargetTree);
        Assert.Empty(rechecked.Plan.ToRemove);
    }

    private static TransferContext Run(TreeListing source, TreeListing? target, bool delete, IRemovalConsent? consent = null)
    {
        var options = new TransferOptions(DryRun: false, Delete: delete, Compress: false, Verify: true) { Consent = consent ?? NoRemovalConsent.Instance };
        return new TransferContext(Direction.Push, new Endpoint(new MemoryRemote("here", "/here").Put("/here/m", source), "/here/m", "./m"),
            new Endpoint(new MemoryRemote().Put("/models/m", target), "/models/m", "gpu:/models/m"),
            options, new TreeHasher(null), source, target, Planner.Plan(source, target, new PlanOptions(delete)), HashFunction.Sha256, CancellationToken.None);
    }

    /// <summary>Answers with <paramref name="yes"/> and remembers what it was asked about.</summary>
    private sealed class Answering(bool yes) : IRemovalConsent
    {
        public IReadOnlyList<PlannedEntry>? Asked { get; private set; }

        public string? Server { get; private set; }

        public bool Confirm(string server, IReadOnlyList<PlannedEntry> removals)
        {
            (Server, Asked) = (server, removals);
            return yes;
        }
    }
}

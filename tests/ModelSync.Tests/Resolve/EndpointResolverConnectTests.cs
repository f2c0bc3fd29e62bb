using ModelSync.Config;
using ModelSync.Errors;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Processes;
using ModelSync.Remotes;
using ModelSync.Resolve;
using ModelSync.Tests.Support;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Resolve;

/// <summary>
/// The resolver against servers held in memory: where each command's places land under model_base, what
/// <c>MODEL@latest</c> turns into, and that a refusal needing no server contacts none.
/// </summary>
public sealed class EndpointResolverConnectTests : IAsyncDisposable
{
    private const string Older = "RTX3090_N2501_ASR_250820";
    private const string Newest = "RTX3090_N2501_ASR_250901";

    private readonly FakeServer _alpha = new(Alias("alpha"), "3.2.7", [Older, Newest, "RTX3090_N2501_LANGDETECTOR_250715"]);
    private readonly FakeServer _beta = new(Alias("beta"), "3.2.7", []);
    private readonly FakeServer _norsync = new(Alias("norsync"), null, [Newest]);
    private readonly TempDirectory _here = new("ms-resolve");
    private readonly RemoteSession _session;
    private readonly EndpointResolver _resolver;

    public EndpointResolverConnectTests()
    {
        var servers = new[] { _alpha, _beta, _norsync }.ToDictionary(s => s.Alias.Name, StringComparer.Ordinal);
        var config = new ModelSyncConfig(servers.ToDictionary(s => s.Key, s => s.Value.Alias, StringComparer.Ordinal), new Defaults(), NamingConvention.Default, "cfg.yaml");
        _session = new RemoteSession(config, new ProcessRunner(), alias => servers[alias.Name]);
        _resolver = new EndpointResolver(_session);
        Directory.CreateDirectory(LocalModel);
    }

    private string LocalModel => Path.Join(_here.Path, "my_model");

    private static ServerAlias Alias(string name) => new(name, name + ".internal", null, null, "/models", null, []);

    private static void Ignore(string warning) => Assert.Fail("unexpected warning: " + warning);

    [Fact]
    public async Task APushLandsUnderModelBaseByTheLocalModelsName()
    {
        var (from, to) = await _resolver.PushAsync(LocalModel + "/", "alpha", false, Ignore, CancellationToken.None);

        Assert.True(from.Remote.Alias.IsThisMachine);
        Assert.Equal((LocalModel, LocalModel + "/"), (from.Path, from.Display));
        Assert.Same(_alpha, to.Remote);
        Assert.Equal(("/models/my_model", "alpha:/models/my_model"), (to.Path, to.Display));
    }

    [Theory]
    [InlineData("alpha:serving/", false, "/models/serving/my_model")]
    [InlineData("alpha:asr/v2", false, "/models/asr/v2")]
    [InlineData("alpha:/models/x/../y", false, "/models/y")]
    [InlineData("alpha:/srv/m", true, "/srv/m")]
    public async Task APushTargetFollowsTheModelBaseRule(string remote, bool outsideBase, string expected)
    {
        var (_, to) = await _resolver.PushAsync(LocalModel, remote, outsideBase, Ignore, CancellationToken.None);

        Assert.Equal(expected, to.Path);
    }

    [Theory]
    [InlineData("alpha:../m", "remote path '../m' escapes model_base /models", "use a path inside model_base, without '..'")]
    [InlineData("alpha:/srv/m", "remote path '/srv/m' is outside model_base /models", "use a path inside model_base, or add --outside-base if you mean it")]
    [InlineData("alpha:/models", "remote path '/models' is model_base itself", "name a model directory inside it, e.g. alias:my_model")]
    public async Task APushTargetOutsideTheRuleIsRefused(string remote, string message, string fix)
    {
        var error = await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.PushAsync(LocalModel, remote, false, Ignore, CancellationToken.None));

        Assert.Equal((ExitCodes.Usage, message, fix), (error.ExitCode, error.Message, error.Fix));
    }

    [Fact]
    public async Task RefusalsThatNeedNoServerContactNone()
    {
        await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.PushAsync(LocalModel, "alpha:ASR@latest", false, Ignore, CancellationToken.None));
        await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.PushAsync(LocalModel + "-missing", "alpha", false, Ignore, CancellationToken.None));
        await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.PullAsync("alpha", _here.Path, false, Ignore, CancellationToken.None));
        await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.CopyAsync("alpha", "beta", false, Ignore, CancellationToken.None));
        await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.CopyAsync("alpha:m", "beta:ASR@latest", false, Ignore, CancellationToken.None));
        var stored = await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.StoredAsync("alpha", false, CancellationToken.None));

        Assert.Equal(("'alpha' names no model", "write it as alpha:<model>, or give a local copy: verify <local> alpha"), (stored.Message, stored.Fix));
        Assert.False(_alpha.Connected || _beta.Connected);
    }

    [Fact]
    public async Task AnUnknownServerIsRefusedWhenItWouldBeConnected()
    {
        var error = await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.PushAsync(LocalModel, "alpah:m", false, Ignore, CancellationToken.None));

        Assert.Equal("unknown server 'alpah' — did you mean 'alpha'? (known: alpha, beta, norsync)", error.Message);
    }

    [Fact]
    public async Task APullOfLatestReadsTheNewestVersionIntoTheLocalDirectory()
    {
        var (from, to) = await _resolver.PullAsync("alpha:ASR@latest", _here.Path, false, Ignore, CancellationToken.None);

        Assert.Equal(("/models/" + Newest, "alpha:/models/" + Newest), (from.Path, from.Display));
        Assert.Equal(("alpha:ASR@latest", Newest, 2), (from.Resolved?.Selector, from.Resolved?.Chosen.Name, from.Resolved?.Versions));
        Assert.True(to.Remote.Alias.IsThisMachine);
        Assert.Equal((Path.Join(_here.Path, Newest), Path.Join(_here.Path, Newest)), (to.Path, to.Display));
    }

    [Fact]
    public async Task APullOfAModelWithoutVersionsSuggestsOneThere()
    {
        var error = await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.PullAsync("alpha:ASRR@latest", _here.Path, false, Ignore, CancellationToken.None));

        Assert.Equal(ExitCodes.Usage, error.ExitCode);
        Assert.Equal("no version of model 'ASRR' on alpha — did you mean 'ASR'? (models there: ASR, LANGDETECTOR)", error.Message);
    }

    [Fact]
    public async Task APullOfADirectoryIsRefusedForItNamesNoModel()
    {
        var error = await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.PullAsync("alpha:serving/", _here.Path, false, Ignore, CancellationToken.None));

        Assert.Equal("'serving/' names a directory, not a model", error.Message);
    }

    [Fact]
    public async Task ATransferNeedsRsyncOnTheServerButACompareDoesNot()
    {
        var error = await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.PullAsync("norsync:" + Newest, _here.Path, false, Ignore, CancellationToken.None));
        var (_, server) = await _resolver.LocalAndServerAsync(LocalModel, "norsync", false, CancellationToken.None);

        Assert.Equal((ExitCodes.Failed, "rsync is not installed on norsync"), (error.ExitCode, error.Message));
        Assert.Equal("/models/my_model", server.Endpoint.Path);
    }

    [Fact]
    public async Task ACompareWithLatestNamesTheVersionChosenForTheNextCommand()
    {
        var (local, server) = await _resolver.LocalAndServerAsync(LocalModel, "alpha:ASR@latest", false, CancellationToken.None);

        Assert.Equal((LocalModel, LocalModel), (local.Path, local.Display));
        Assert.Equal("alpha:" + Newest, server.Spec.ToString());
        Assert.Equal(("/models/" + Newest, Newest), (server.Endpoint.Path, server.Endpoint.Resolved?.Chosen.Name));
    }

    [Fact]
    public async Task AStoredCopyKeepsAPlainPathAsTyped()
    {
        var stored = await _resolver.StoredAsync("alpha:asr/v2", false, CancellationToken.None);

        Assert.Equal(("alpha:asr/v2", "/models/asr/v2"), (stored.Spec.ToString(), stored.Endpoint.Path));
        Assert.Null(stored.Endpoint.Resolved);
    }

    [Fact]
    public async Task ACopyTargetTakesTheSourcesNameOnTheOtherServer()
    {
        var (from, to) = await _resolver.CopyAsync("alpha:ASR@latest", "beta", false, Ignore, CancellationToken.None);

        Assert.Equal(("alpha:/models/" + Newest, "beta:/models/" + Newest), (from.Display, to.Display));
        Assert.Same(_beta, to.Remote);
    }

    [Theory]
    [InlineData("alpha:m", "alpha:m/", "alpha:/models/m and alpha:/models/m/m overlap")]
    [InlineData("alpha:m/inner", "alpha:m", "alpha:/models/m/inner and alpha:/models/m overlap")]
    public async Task ACopyWithinOneServerIntoItselfIsRefused(string source, string target, string message)
    {
        var error = await Assert.ThrowsAsync<ModelSyncException>(() => _resolver.CopyAsync(source, target, false, Ignore, CancellationToken.None));

        Assert.Equal((ExitCodes.Usage, message, "copy to another path or server"), (error.ExitCode, error.Message, error.Fix));
    }

    [Fact]
    public async Task TheSamePathOnAnotherServerIsNoOverlap()
    {
        var (from, to) = await _resolver.CopyAsync("alpha:m", "beta:m", false, Ignore, CancellationToken.None);

        Assert.Equal(("alpha:/models/m", "beta:/models/m"), (from.Display, to.Display));
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        _here.Dispose();
    }

    /// <summary>A server in memory: remembers being connected; its model_base holds one directory per name given.</summary>
    private sealed class FakeServer(ServerAlias alias, string? rsyncVersion, IReadOnlyList<string> models) : IRemote
    {
        public bool Connected { get; private set; }

        public ServerAlias Alias => alias;

        public string ModelBase => alias.ModelBase;

        public string Connection => "in memory";

        public IReadOnlyList<string> HashTools => [];

        public Task<RemoteProbe> ConnectAsync(CancellationToken cancellationToken)
        {
            Connected = true;
            return Task.FromResult(new RemoteProbe(ModelBase, rsyncVersion, TimeSpan.Zero, []));
        }

        public Task<TreeListing?> ScanAsync(string path, CancellationToken cancellationToken) =>
            Task.FromResult(path == ModelBase ? Tree([.. models.SelectMany(m => new[] { Dir(m), File(m + "/weights.bin", 1) })]) : null);

        public Task<IReadOnlyDictionary<string, string>> HashAsync(string root, EntryKind rootKind, IReadOnlyCollection<string> files, int batchSize, HashFunction function, CancellationToken cancellationToken) =>
            throw Unexpected();

        public Task<long> FreeBytesAsync(string path, CancellationToken cancellationToken) => throw Unexpected();

        public Task PingAsync(CancellationToken cancellationToken) => throw Unexpected();

        public Task PrepareStageAsync(string target, EntryKind kind, bool seedFromTarget, CancellationToken cancellationToken) => throw Unexpected();

        public Task<TargetStart> StartTargetAsync(string target, TargetStartRequest request, CancellationToken cancellationToken) => throw Unexpected();

        public Task DiscardStageAsync(string target, CancellationToken cancellationToken) => throw Unexpected();

        public Task<StageFinish> FinishStageAsync(string target, StageFinishRequest request, CancellationToken cancellationToken) => throw Unexpected();

        public Task PrepareStageFromAsync(string target, EntryKind kind, string basis, IReadOnlyCollection<string> files, bool replaceStage, CancellationToken cancellationToken) => throw Unexpected();

        public Task<IReadOnlyList<TreeEntry>> ListDirectoryAsync(string directory, CancellationToken cancellationToken) => throw Unexpected();

        public Task WriteManifestAsync(string directory, ModelManifest manifest, CancellationToken cancellationToken) => throw Unexpected();

        public Task RemoveManifestAsync(string directory, CancellationToken cancellationToken) => throw Unexpected();

        public Task<PreviousVersionLeft?> PublishAsync(string target, CancellationToken cancellationToken) => throw Unexpected();

        public Task<PreviousVersionRemoval> RemovePreviousVersionAsync(string target, LockHolder? holder, CancellationToken cancellationToken) => throw Unexpected();

        public Task<PublishState> PublishStateAsync(string target, CancellationToken cancellationToken) => throw Unexpected();

        public Task<LockAttempt> TryTakeLockAsync(string target, LockHolder holder, CancellationToken cancellationToken) => throw Unexpected();

        public Task BreakLockAsync(string target, CancellationToken cancellationToken) => throw Unexpected();

        public Task ReleaseLockAsync(string target, string token, CancellationToken cancellationToken) => throw Unexpected();
        public Task<IReadOnlyList<LockHolder?>> ReadHoldersAsync(IReadOnlyList<string> records, CancellationToken cancellationToken) => throw Unexpected();

        public Task<VersionRemoval> RemoveVersionAsync(string target, CancellationToken cancellationToken) => throw Unexpected();

        public ProcessSpec TarSendProcess(string root, EntryKind rootKind, IEnumerable<string> paths) => throw Unexpected();

        public ProcessSpec TarReceiveProcess(string stage, EntryKind kind, string fileName, IReadOnlyCollection<string> directories) => throw Unexpected();

        public Task RemoveFromStageAsync(string stage, IEnumerable<string> paths, CancellationToken cancellationToken) => throw Unexpected();

        public ProcessSpec HashWhileWrittenProcess(HashFunction function, IReadOnlyCollection<string> finalPaths) => throw Unexpected();

        public Task<IRemote> OpenStreamAsync(CancellationToken cancellationToken) => throw Unexpected();

        public ProcessSpec RangeReadProcess(string file, ByteRange range) => throw Unexpected();

        public ProcessSpec RangeWriteProcess(string record, ByteRange range) => throw Unexpected();

        public Task FinishRangesAsync(string records, string stage, EntryKind kind, IReadOnlyList<RangedFile> files, IReadOnlyList<StagedDirectory> directories,
            CancellationToken cancellationToken) => throw Unexpected();

        public Task<string?> WriteMarkerAsync(string name, byte[] content, CancellationToken cancellationToken) => throw Unexpected();

        public Task RemoveMarkerAsync(string name, CancellationToken cancellationToken) => throw Unexpected();

        public Task<PlaceAnswer<RemoteInspection>> InspectAsync(CancellationToken cancellationToken) => throw Unexpected();

        public Task<PlaceAnswer<ModelBaseProbe>> CheckModelBaseAsync(string path, CancellationToken cancellationToken) => throw Unexpected();

        public Task<int> ExecAsync(string command, CancellationToken cancellationToken) => throw Unexpected();

        public Task<ProcessResult> ExecCaptureAsync(string command, CancellationToken cancellationToken) => throw Unexpected();

        public RsyncLocation Rsync(string path) => throw Unexpected();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private static NotSupportedException Unexpected() => new("resolving only connects and lists model_base");
    }
}

using System.Text;
using ModelSync.IntegrationTests.Support;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>
/// One contract, every <see cref="IRemote"/>: each concrete subclass runs these same tests against its own
/// kind of place. <see cref="Root"/> is a directory the remote can reach and this process can inspect.
/// </summary>
public abstract partial class RemoteConformanceTests : IAsyncLifetime
{
    private IRemote? _remote;

    protected abstract IRemote Create();

    /// <summary>A fresh, empty directory per test, inside the remote's model_base.</summary>
    protected abstract string Root { get; }

    protected IRemote Remote => _remote ?? throw new InvalidOperationException("not initialized");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Root);
        _remote = Create();
        await _remote.ConnectAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_remote is not null) await _remote.DisposeAsync();
        ByteNames.Remove(Root); // by sh: System.IO cannot spell, nor so remove, a name that is not UTF-8
    }

    [Fact]
    public void ConnectResolvesAnAbsoluteModelBase()
    {
        Assert.StartsWith("/", Remote.ModelBase, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScanOfAMissingPathIsNull()
    {
        Assert.Null(await Remote.ScanAsync(Path.Join(Root, "nothing-here"), CancellationToken.None));
    }

    [Fact]
    public async Task ScanListsFilesLinksAndEmptyDirectoriesWithSizes()
    {
        var model = Path.Join(Root, "model");
        Directory.CreateDirectory(Path.Join(model, "1"));
        Directory.CreateDirectory(Path.Join(model, "empty dir"));
        File.WriteAllBytes(Path.Join(model, "1", "model.onnx"), new byte[1234]);
        File.WriteAllText(Path.Join(model, "it's $(x).txt"), "hi");
        File.CreateSymbolicLink(Path.Join(model, "link"), "1/model.onnx");

        var tree = await Remote.ScanAsync(model, CancellationToken.None);

        Assert.NotNull(tree);
        Assert.Equal(EntryKind.Directory, tree.RootKind);
        Assert.Equal(["1", "1/model.onnx", "empty dir", "it's $(x).txt", "link"], tree.Entries.Select(e => e.Path));
        Assert.Equal(1234, tree.Entries.Single(e => e.Path == "1/model.onnx").Size);
        Assert.Equal(EntryKind.Symlink, tree.Entries.Single(e => e.Path == "link").Kind);
        Assert.Equal("1/model.onnx", tree.Entries.Single(e => e.Path == "link").LinkTarget);
        Assert.Equal(EntryKind.Directory, tree.Entries.Single(e => e.Path == "empty dir").Kind);
    }

    [Fact]
    public async Task ScanOfASingleFileHasOneRootEntry()
    {
        var file = Path.Join(Root, "model.plan");
        File.WriteAllBytes(file, new byte[77]);

        var tree = await Remote.ScanAsync(file, CancellationToken.None);

        Assert.NotNull(tree);
        Assert.Equal(EntryKind.File, tree.RootKind);
        var entry = Assert.Single(tree.Entries);
        Assert.Equal("", entry.Path);
        Assert.Equal(77, entry.Size);
    }

    [Fact]
    public async Task FreeSpaceIsReportedForAPathThatDoesNotExistYet()
    {
        Assert.True(await Remote.FreeBytesAsync(Path.Join(Root, "a", "b", "c"), CancellationToken.None) > 0);
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("sp ace")]
    [InlineData("it's \"quoted\"")]
    [InlineData("$(touch PWNED)")]
    [InlineData("`id`; rm -rf /nonexistent")]
    [InlineData("-n")]
    [InlineData("line\nbreak")]
    [InlineData("모델 동기화")]
    public async Task ScriptArgumentsArriveByteForByte(string word)
    {
        var holder = new LockHolder("here", 1, "now", word, "token");

        var text = await RecordInALockAsync(holder);

        Assert.Equal(holder.Serialize(), Encoding.UTF8.GetString(text));
        Assert.False(File.Exists(Path.Join(Root, "PWNED")));
    }

    [Fact]
    public async Task ScriptArgumentsThatAreNotUtf8ArriveByteForByte()
    {
        byte[] word = [(byte)'w', 0xff, 0xfe, (byte)'\\', (byte)'c', (byte)' ', (byte)'%', (byte)'s', 0xed, 0xa0, 0x80, (byte)'\n'];
        var holder = new LockHolder("here", 1, "now", PathBytes.Decode(word), "token");

        var text = await RecordInALockAsync(holder);

        Assert.Equal([.. "host=here\npid=1\nsince=now\ncommand="u8, .. word, .. "\ntoken=token\n"u8], text);
    }

    /// <summary>Takes a lock recording <paramref name="holder"/> (which arrives as one argument); the bytes recorded.</summary>
    private async Task<byte[]> RecordInALockAsync(LockHolder holder)
    {
        var target = Path.Join(Root, "served");

        Assert.IsType<LockAttempt.Taken>(await Remote.TryTakeLockAsync(target, holder, CancellationToken.None));

        return File.ReadAllBytes(Path.Join(StageNames.Lock(target), "holder"));
    }

    [Fact]
    public async Task ScanOfASymlinkSaysSoAndListsWhatItPointsTo()
    {
        var real = Path.Join(Root, "v3");
        Directory.CreateDirectory(real);
        File.WriteAllText(Path.Join(real, "w.bin"), "v3");
        var link = Path.Join(Root, "current");
        File.CreateSymbolicLink(link, "v3");

        var throughLink = await Remote.ScanAsync(link, CancellationToken.None);
        var direct = await Remote.ScanAsync(real, CancellationToken.None);

        Assert.Equal("v3", throughLink!.RootLink);
        Assert.Equal(["w.bin"], throughLink.Entries.Select(e => e.Path));
        Assert.Null(direct!.RootLink);
    }

    [Fact]
    public async Task ExecCaptureReturnsOutputAndExitCode()
    {
        var result = await Remote.ExecCaptureAsync("echo out; echo err >&2; exit 7", CancellationToken.None);

        Assert.Equal(7, result.ExitCode);
        Assert.Equal("out\n", result.StdoutText);
        Assert.Contains("err", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFailingScriptBecomesOneClearError()
    {
        File.WriteAllText(Path.Join(Root, "a file"), "");

        var error = await Assert.ThrowsAsync<Errors.ModelSyncException>(() =>
            Remote.PrepareStageAsync(Path.Join(Root, "a file", "below", "served"), EntryKind.Directory, seedFromTarget: true, CancellationToken.None));

        Assert.Contains("runs through a file, not a directory", error.Message, StringComparison.Ordinal);
        Assert.Contains("prepare the staging area", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.Fix);
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static long Inode(string path) =>
        long.Parse(Encoding.UTF8.GetString(TestProcess.RunBytes("stat", ["-c", "%i", path])).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}

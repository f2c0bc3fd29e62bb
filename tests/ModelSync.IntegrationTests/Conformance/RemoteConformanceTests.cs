using System.Text;
using ModelSync.Hashing;
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
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
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
    public async Task HashMatchesSha256ForEveryFileIncludingHostileNames()
    {
        var model = Path.Join(Root, "hashed");
        string[] names = ["plain.bin", "sp ace/a b.txt", "-rf", "new\nline", @"back\slash", "모델.txt", "`id`;x"];
        foreach (var name in names)
        {
            var path = Path.Join(model, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "content of " + name);
        }

        var hashes = await Remote.HashAsync(model, EntryKind.Directory, names, 16, HashFunction.Sha256, CancellationToken.None);
        var some = await Remote.HashAsync(model, EntryKind.Directory, ["-rf", "new\nline"], 1, HashFunction.Sha256, CancellationToken.None);

        Assert.Equal(names.Order(StringComparer.Ordinal), hashes.Keys.Order(StringComparer.Ordinal));
        foreach (var name in names) Assert.Equal(Sha256("content of " + name), hashes[name]);
        Assert.Equal(["-rf", "new\nline"], some.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("xxh128")]
    [InlineData("blake3")]
    public async Task EveryHashFunctionGetsOddNamesRightInBatchesAndOneByOne(string name)
    {
        var function = HashFunction.TryParse(name)!;
        var model = Path.Join(Root, "odd");
        string[] names = ["plain.bin", "sp ace/a  b.txt", "-rf", "--", "new\nline", "trailing\n", "\\lead", @"back\slash", @"two\\", "cr\rhere",
            "tab\there", " lead and trail ", "모델.txt", "`id`;x", "*star", "x  ./y"];
        foreach (var n in names)
        {
            var path = Path.Join(model, n);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, "content of " + n);
        }
        var expected = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var n in names) expected[n] = await ReferenceHashAsync(function, "content of " + n);

        Assert.True(function.AvailableWith(Remote.HashTools), $"the connect probe found {string.Join(", ", Remote.HashTools)}");
        foreach (var batch in new[] { 1, 3, 64 })
            Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal),
                (await Remote.HashAsync(model, EntryKind.Directory, names, batch, function, CancellationToken.None)).OrderBy(kv => kv.Key, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("sha256")]
    [InlineData("xxh128")]
    [InlineData("blake3")]
    public async Task NamesThatAreNotUtf8AreScannedAndHashedByTheirBytes(string name)
    {
        var function = HashFunction.TryParse(name)!;
        var model = Path.Join(Root, "bytes");
        string[] odd = [@"w\xff", @"w\xfe", @"w\xef\xbf\xbd", @"sur\xed\xa0\x80", @"cut\xc3", @"caf\xe9/x\n\x80"];
        foreach (var n in odd) ByteNames.Write(model, ByteNames.Of(n), "content of " + n);
        try
        {
            var tree = await Remote.ScanAsync(model, CancellationToken.None);
            var files = tree!.Files.Select(f => f.Path).ToList();
            Assert.Equal(odd.Select(n => ByteNames.Of(n)).Select(Convert.ToHexString).Order(StringComparer.Ordinal),
                files.Select(f => Convert.ToHexString(PathBytes.Encode(f))).Order(StringComparer.Ordinal));

            var hashes = await Remote.HashAsync(model, EntryKind.Directory, files, 3, function, CancellationToken.None);

            foreach (var n in odd)
                Assert.Equal(await ReferenceHashAsync(function, "content of " + n), hashes[PathBytes.Decode(ByteNames.Of(n))]);
        }
        finally
        {
            ByteNames.Remove(model);
        }
    }

    [Theory]
    [InlineData("xxh128", "6c78e0e3bd51d358d01e758642b85fb8")]
    [InlineData("blake3", "4878ca0425c739fa427f7eda20fe845f6b2e46ba5fe2a14df5b1e32f50603215")]
    public async Task TheFastHashesAreThePublishedValues(string name, string hashOfTest)
    {
        var file = Path.Join(Root, "new\nline");
        File.WriteAllText(file, "test");

        var hashes = await Remote.HashAsync(file, EntryKind.File, [""], 16, HashFunction.TryParse(name)!, CancellationToken.None);

        Assert.Equal(hashOfTest, Assert.Single(hashes).Value);
    }

    [Fact]
    public async Task HashOfASingleFileIsKeyedByTheEmptyPath()
    {
        var file = Path.Join(Root, "one file.onnx");
        File.WriteAllText(file, "weights");

        var hashes = await Remote.HashAsync(file, EntryKind.File, [""], 16, HashFunction.Sha256, CancellationToken.None);

        Assert.Equal(Sha256("weights"), Assert.Single(hashes).Value);
        Assert.Equal("", hashes.Keys.Single());
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
    public async Task StageIsSeededWithHardLinksAndKeptForAResume()
    {
        var target = Path.Join(Root, "served");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Join(target, "w.bin"), "old");
        var stage = StageNames.Stage(target);

        await Remote.PrepareStageAsync(target, EntryKind.Directory, seedFromTarget: true, CancellationToken.None);
        File.WriteAllText(Path.Join(stage, "partial"), "resume me");
        await Remote.PrepareStageAsync(target, EntryKind.Directory, seedFromTarget: true, CancellationToken.None);

        Assert.Equal("old", File.ReadAllText(Path.Join(stage, "w.bin")));
        Assert.Equal(Inode(Path.Join(target, "w.bin")), Inode(Path.Join(stage, "w.bin")));
        Assert.True(File.Exists(Path.Join(stage, "partial")));
        Assert.False(Directory.Exists(StageNames.Seed(target)));
    }

    [Fact]
    public async Task PublishReplacesTheTargetDirectoryAndLeavesNoSiblings()
    {
        var target = Path.Join(Root, "served");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Join(target, "old.bin"), "old");
        var stage = StageNames.Stage(target);
        Directory.CreateDirectory(stage);
        File.WriteAllText(Path.Join(stage, "new.bin"), "new");

        await Remote.PublishAsync(target, CancellationToken.None);

        Assert.Equal(["new.bin"], Directory.GetFiles(target).Select(Path.GetFileName));
        Assert.Equal(["served"], Directory.GetFileSystemEntries(Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task PublishOfAFileIsOneRename()
    {
        var target = Path.Join(Root, "model.plan");
        File.WriteAllText(target, "old");
        var stage = StageNames.Stage(target);
        File.WriteAllText(stage, "new");

        await Remote.PublishAsync(target, CancellationToken.None);

        Assert.Equal("new", File.ReadAllText(target));
        Assert.False(File.Exists(stage));
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

    /// <summary>A link at the stage's name, or a target that became one, is never written through: the stage is a fresh directory.</summary>
    [Theory]
    [InlineData("stage")]
    [InlineData("target")]
    public async Task PrepareStageRemovesASymlinkInsteadOfFollowingIt(string linked)
    {
        var elsewhere = Elsewhere();
        var target = Path.Join(Root, "served");
        var stage = StageNames.Stage(target);
        if (linked == "stage") Directory.CreateDirectory(target);
        File.CreateSymbolicLink(linked == "stage" ? stage : target, elsewhere);

        await Remote.PrepareStageAsync(target, EntryKind.Directory, seedFromTarget: true, CancellationToken.None);

        Assert.Null(new FileInfo(stage).LinkTarget);
        Assert.Empty(Directory.GetFileSystemEntries(stage));
        AssertUntouched(elsewhere);
    }

    [Fact]
    public async Task PublishOfAStageThatIsASymlinkRemovesTheLinkAndPublishesNothing()
    {
        var target = Path.Join(Root, "served");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Join(target, "live.bin"), "live");
        var elsewhere = Elsewhere();
        var stage = StageNames.Stage(target);
        File.CreateSymbolicLink(stage, elsewhere);

        var refused = await Assert.ThrowsAsync<Errors.ModelSyncException>(() => Remote.PublishAsync(target, CancellationToken.None));

        Assert.Contains("symlink", refused.Message, StringComparison.Ordinal);
        Assert.Null(new FileInfo(target).LinkTarget);
        Assert.Equal(["live.bin"], Directory.GetFileSystemEntries(target).Select(Path.GetFileName));
        Assert.Equal(["elsewhere", "served"], Directory.GetFileSystemEntries(Root).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        AssertUntouched(elsewhere);
    }

    [Fact]
    public async Task ASymlinkAtTheLockSNameIsRemovedAndTheLockTaken()
    {
        var elsewhere = Elsewhere();
        var target = Path.Join(Root, "served");
        var lockPath = StageNames.Lock(target);
        File.CreateSymbolicLink(lockPath, elsewhere);

        var attempt = await Remote.TryTakeLockAsync(target, new LockHolder("x", 1, "now", "test", "token"), CancellationToken.None);

        Assert.IsType<LockAttempt.Taken>(attempt);
        Assert.Null(new FileInfo(lockPath).LinkTarget);
        Assert.True(File.Exists(Path.Join(lockPath, "holder")));
        AssertUntouched(elsewhere);
    }

    /// <summary>A directory a planted symlink points to; see <see cref="AssertUntouched"/>.</summary>
    private string Elsewhere()
    {
        var elsewhere = Path.Join(Root, "elsewhere");
        Directory.CreateDirectory(elsewhere);
        File.WriteAllText(Path.Join(elsewhere, "keep.txt"), "keep");
        return elsewhere;
    }

    private static void AssertUntouched(string elsewhere)
    {
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(elsewhere).Select(Path.GetFileName));
        Assert.Equal("keep", File.ReadAllText(Path.Join(elsewhere, "keep.txt")));
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

    [Theory]
    [InlineData("sha256", "model.plan")]
    [InlineData("xxh128", ".hidden weights")]
    public async Task AFileRsyncWritesIsHashedWhileItIsWrittenAndOneItLeavesAloneIsNot(string name, string file)
    {
        var source = Path.Join(Root, "from");
        var target = Path.Join(Root, "to it's $(x)");
        Directory.CreateDirectory(source);
        Directory.CreateDirectory(target);
        var weights = new byte[12 << 20];
        new Random(3).NextBytes(weights);
        File.WriteAllBytes(Path.Join(source, file), weights);
        File.WriteAllText(Path.Join(source, "kept.bin"), "same on both sides");
        File.Copy(Path.Join(source, "kept.bin"), Path.Join(target, "kept.bin"));
        File.SetLastWriteTimeUtc(Path.Join(target, "kept.bin"), File.GetLastWriteTimeUtc(Path.Join(source, "kept.bin")));
        var final = Path.Join(target, file);

        var records = await FollowAsync(name, [final, Path.Join(target, "kept.bin")], async () =>
        {
            // Slowed to about 2 s, so the follower is reading while rsync writes.
            var to = Remote.Rsync(target + "/");
            string[] shell = to.RemoteShell is { } command ? ["-e", command] : [];
            var rsync = await ModelSync.Processes.ProcessRunner.Instance.RunAsync(
                new ModelSync.Processes.ProcessSpec("rsync", ["-rlpt", "--bwlimit=6000", .. shell, source + "/", to.Spec]), CancellationToken.None);
            Assert.Equal(0, rsync.ExitCode);
        });

        var reference = name == "sha256" ? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(weights))
            : Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(weights));
        Assert.Equal([new FollowRecord(final, reference, Inode(final))], records);
    }

    [Fact]
    public async Task ATemporaryFileThatDoesNotBecomeTheFileGivesNoRecord()
    {
        var final = Path.Join(Root, "model.plan");
        var kept = Path.Join(Root, "config.bin");
        var records = await FollowAsync("sha256", [final, kept], async () =>
        {
            // What rsync does when a file fails its whole-file check: the first temporary file goes, a second one lands.
            var first = Path.Join(Root, ".model.plan.AAAAAA");
            var renamed = Path.Join(Root, ".config.bin.BBBBBB");
            await File.WriteAllTextAsync(first, "first!");
            await File.WriteAllTextAsync(renamed, "config");
            await Task.Delay(500); // the temporary file must live long enough for the follower to see it: that is the case under test
            File.Delete(first);
            await File.WriteAllTextAsync(final, "again!");
            File.Move(renamed, kept);
        });

        // config.bin, renamed into place as rsync does, shows the follower was watching; model.plan gets no record.
        Assert.Equal([new FollowRecord(kept, Sha256("config"), Inode(kept))], records);
    }

    /// <summary>Runs the follower over <paramref name="arguments"/> while <paramref name="write"/> writes; its records.</summary>
    private async Task<IReadOnlyList<FollowRecord>> FollowAsync(string function, string[] arguments, Func<Task> write)
    {
        var stop = new TaskCompletionSource();
        var follow = ModelSync.Processes.ProcessRunner.Instance.RunAsync(Remote.HashWhileWrittenProcess(HashFunction.TryParse(function)!, arguments)
            with { WriteStdin = _ => stop.Task }, CancellationToken.None);
        try
        {
            await Task.Delay(300); // the follower gives no sign that it watches; what it misses by starting late would pass unseen
            await write();
        }
        finally
        {
            stop.SetResult();
        }
        var followed = await follow;
        Assert.Equal(0, followed.ExitCode);
        return FollowOutput.Parse(followed.Stdout) ?? throw new InvalidOperationException("the follower printed a malformed record");
    }

    /// <summary>The hash of <paramref name="content"/> by the tool itself, from a file with a plain name.</summary>
    private static async Task<string> ReferenceHashAsync(HashFunction function, string content)
    {
        if (function == HashFunction.Sha256) return Sha256(content);
        using var directory = new TempDirectory("ms-ref");
        var file = Path.Join(directory.Path, "content");
        await File.WriteAllTextAsync(file, content);
        var stdout = function == HashFunction.Xxh128 ? await TestProcess.RunOkAsync("xxhsum", "-H2", file) : await TestProcess.RunOkAsync("b3sum", file);
        return stdout.Split(' ')[0];
    }

    private static string Sha256(string text) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static long Inode(string path) =>
        long.Parse(Encoding.UTF8.GetString(TestProcess.RunBytes("stat", ["-c", "%i", path])).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}

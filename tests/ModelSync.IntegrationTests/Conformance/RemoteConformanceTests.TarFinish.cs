using ModelSync.Hashing;
using ModelSync.IntegrationTests.Support;
using ModelSync.Manifests;
using ModelSync.Paths;
using ModelSync.Processes;
using ModelSync.Remotes;

namespace ModelSync.IntegrationTests.Conformance;

/// <summary>
/// A new model's tar stream and its verify-and-publish in one call (<see cref="IRemote.TarFinishCall"/>), with
/// expectations too big for a command line: they go on stdin ahead of the stream.
/// </summary>
public abstract partial class RemoteConformanceTests
{
    /// <summary>Files enough that the expectations outgrow the command line (<c>InlineInput.MostEscapedChars</c>).</summary>
    private const int ManyFiles = 600;

    [Fact]
    public async Task ATarFinishWhoseExpectationsGoAheadOfTheStreamPublishesEveryFileAndReleasesTheLock()
    {
        var (source, target, listing, request) = await ManySmallFilesAsync("tar-ahead");
        var call = Remote.TarFinishCall(target, request)!;

        var result = await ProcessPipe.RunAsync(ProcessRunner.Instance, Remote.TarSendProcess(source, EntryKind.Directory, Paths(listing)), call.Process,
            null, null, CancellationToken.None);

        Assert.NotNull(call.Process.Stdin);
        Assert.Equal((0, 0), (result.Producer.ExitCode, result.Consumer.ExitCode));
        Assert.True(call.Read(result.Consumer.Stdout).Published);
        TreeComparer.AssertSameTree(source, target);
        Assert.True(File.Exists(Path.Join(target, ".model-sync-manifest.json")));
        Assert.False(Path.Exists(StageNames.Lock(target)));
        ByteNames.Remove(target);
    }

    [Fact]
    public async Task ATarFinishWhoseExpectationsAreCutShortUnpacksAndPublishesNothing()
    {
        var (source, target, listing, request) = await ManySmallFilesAsync("tar-ahead-cut");
        var call = Remote.TarFinishCall(target, request)!;
        // The client gone before the last bytes of the expectations left: no tar stream follows them.
        var cut = call.Process with { Stdin = call.Process.Stdin![..^10] };

        var result = await ProcessPipe.RunAsync(ProcessRunner.Instance, new ProcessSpec("true", []), cut, null, null, CancellationToken.None);

        Assert.NotEqual(0, result.Consumer.ExitCode);
        Assert.Contains("input ended early", result.Consumer.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(StageNames.Stage(target)));
        Assert.False(Path.Exists(target));
        Assert.True(Path.Exists(StageNames.Lock(target)), "the lock stays the client's to release");
        ByteNames.Remove(StageNames.Stage(target));
        ByteNames.Remove(StageNames.Lock(target));
        Assert.True(Directory.Exists(source));
    }

    [Fact]
    public void ExpectationsTooBigToGoAheadOfTheStreamLeaveTheFinishToACallOfItsOwn()
    {
        // Some 20,000 tiny files: a retry of a call that finishes too would unpack beside the first try's hashing.
        var listing = new TreeListing(EntryKind.Directory, [.. Enumerable.Range(0, 20_000).Select(i => new TreeEntry($"tokenizers/t{i:00000}.json", EntryKind.File, 100, 1_700_000_000))]);
        var hashes = listing.Files.ToDictionary(f => f.Path, _ => new string('a', 64), StringComparer.Ordinal);

        var call = Remote.TarFinishCall(Path.Join(Root, "many-tiny"), new StageFinishRequest(listing, HashFunction.Sha256, Me.Token, hashes, [], null, false));

        Assert.Null(call);
    }

    /// <summary>
    /// A source of <see cref="ManyFiles"/> small files in ten directories (and a name a shell would split), and its
    /// absent target, locked with an empty stage made, as the one call before the bytes leaves a new model's.
    /// </summary>
    private async Task<(string Source, string Target, TreeListing Listing, StageFinishRequest Request)> ManySmallFilesAsync(string name)
    {
        var source = Path.Join(Root, name + "-source");
        for (var i = 0; i < ManyFiles; i++)
        {
            var directory = Path.Join(source, $"tokenizers/lang_{i % 10:000}");
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Join(directory, $"tokenizer_{i:00000}.json"), $"{{\"id\": {i}}}");
        }
        File.WriteAllText(Path.Join(source, "it's $(x) a.json"), "odd");
        var listing = (await Remote.ScanAsync(source, CancellationToken.None))!;
        var target = Path.Join(Root, name);
        var start = await Remote.StartTargetAsync(target, new TargetStartRequest(listing, Me, ExtrasUnderLock: true, RoomNeeded: 1), CancellationToken.None);
        Assert.Equal((TargetStartState.Locked, true), (start.State, start.StageMade));
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in listing.Files) hashes[f.Path] = Sha256(File.ReadAllText(Path.Join(source, f.Path)));
        var manifest = ModelManifest.Create(listing, hashes, HashFunction.Sha256, "here", "/src");
        return (source, target, listing, new StageFinishRequest(listing, HashFunction.Sha256, Me.Token, hashes, [], manifest, false));
    }

    /// <summary>Every entry of <paramref name="listing"/>, as a tar stream of it lists them: in order, directories before what they hold.</summary>
    private static List<string> Paths(TreeListing listing) => [.. listing.Entries.Select(e => e.Path).Order(StringComparer.Ordinal)];
}

using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Verification;

namespace ModelSync.Tests.Verification;

public sealed class HashRequestsTests
{
    private static TreeListing Listing(long mtime) => new(EntryKind.Directory,
        [new TreeEntry("a.bin", EntryKind.File, 10, mtime) { Inode = 5, ModifiedExact = $"{mtime}.0" }]);

    private static readonly IReadOnlyDictionary<string, string> Hashes = new Dictionary<string, string> { ["a.bin"] = "h" };

    [Fact]
    public async Task RequestsAtTheSameTimeForTheSameTreeShareOneHashing()
    {
        var requests = new HashRequests();
        var calls = 0;
        var release = new TaskCompletionSource();
        async Task<TreeHashes> Hash(CancellationToken token)
        {
            Interlocked.Increment(ref calls);
            await release.Task.WaitAsync(token);
            return new TreeHashes(Hashes, 1);
        }

        var eight = Enumerable.Range(0, 8).Select(_ => requests.JoinAsync("/src", Listing(100), null, HashFunction.Sha256, Hash, CancellationToken.None)).ToList();
        release.SetResult();
        await Task.WhenAll(eight);
        await requests.JoinAsync("/src", Listing(100), null, HashFunction.Sha256, Hash, CancellationToken.None);

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AChangedTreeIsHashedAgain()
    {
        var requests = new HashRequests();
        var calls = 0;
        Task<TreeHashes> Hash(CancellationToken token)
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(new TreeHashes(Hashes, 1));
        }

        await requests.JoinAsync("/src", Listing(100), null, HashFunction.Sha256, Hash, CancellationToken.None);
        await requests.JoinAsync("/src", Listing(101), null, HashFunction.Sha256, Hash, CancellationToken.None);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task RequestsLendingDifferentHashesAreNotJoined()
    {
        var requests = new HashRequests();
        var calls = 0;
        Task<TreeHashes> Hash(CancellationToken token)
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(new TreeHashes(Hashes, 0));
        }

        await requests.JoinAsync("/src", Listing(100), null, new Dictionary<string, string> { ["a.bin"] = "from-one-server" }, HashFunction.Sha256, Hash, CancellationToken.None);
        await requests.JoinAsync("/src", Listing(100), null, new Dictionary<string, string> { ["a.bin"] = "from-another" }, HashFunction.Sha256, Hash, CancellationToken.None);
        await requests.JoinAsync("/src", Listing(100), null, new Dictionary<string, string> { ["a.bin"] = "from-another" }, HashFunction.Sha256, Hash, CancellationToken.None);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task TheLastWaiterLeavingStopsTheWorkAndAFailureIsNotRemembered()
    {
        var requests = new HashRequests();
        var stopped = new TaskCompletionSource();
        using var leave = new CancellationTokenSource();
        var waiting = requests.JoinAsync("/src", Listing(100), null, HashFunction.Sha256, async token =>
        {
            token.Register(() => stopped.TrySetResult());
            await Task.Delay(Timeout.Infinite, token);
            return new TreeHashes(Hashes, 1);
        }, leave.Token);

        await leave.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        await stopped.Task.WaitAsync(TimeSpan.FromSeconds(5));
        var again = await requests.JoinAsync("/src", Listing(100), null, HashFunction.Sha256, _ => Task.FromResult(new TreeHashes(Hashes, 0)), CancellationToken.None);
        Assert.Equal(0, again.HashedNow);
    }
}

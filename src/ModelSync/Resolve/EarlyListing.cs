using ModelSync.Manifests;
using ModelSync.Remotes;

namespace ModelSync.Resolve;

/// <summary>
/// A listing of a push's local source begun while the server connects, under a cancellation of its own. A push that
/// stops before it looks at the source (an unknown alias, a refused connection, a refused name) disposes it: the
/// listing is cancelled, which kills its find, and awaited, its failure observed and dropped. Disposing a listing
/// that was used or has ended changes nothing.
/// </summary>
public sealed class EarlyListing : IAsyncDisposable
{
    private readonly CancellationTokenSource _cancel;

    private EarlyListing(CancellationTokenSource cancel, Task<TreeListing?> listing)
    {
        _cancel = cancel;
        Listing = listing;
    }

    /// <summary>The listing; awaiting it is using it.</summary>
    public Task<TreeListing?> Listing { get; }

    /// <summary>Starts listing <paramref name="path"/> on <paramref name="place"/>.</summary>
    public static EarlyListing Start(IRemote place, string path, CancellationToken cancellationToken)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<TreeListing?> listing;
        try
        {
            listing = place.ScanAsync(path, cancel.Token);
        }
        catch
        {
            cancel.Dispose();
            throw;
        }
        return new EarlyListing(cancel, listing);
    }

    public async ValueTask DisposeAsync()
    {
        if (!Listing.IsCompleted) await _cancel.CancelAsync();
        // How it ended is no part of the push's answer: a push that used it has heard already, one that did not has its own error.
        await ((Task)Listing).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _ = Listing.Exception;
        _cancel.Dispose();
    }
}

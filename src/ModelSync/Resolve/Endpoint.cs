using ModelSync.Remotes;

namespace ModelSync.Resolve;

/// <summary>An absolute path on a place.</summary>
public sealed record Endpoint(IRemote Remote, string Path, string Display)
{
    /// <summary>Set when the path came from <c>MODEL@latest</c>: which version was chosen, for the report.</summary>
    public Versioning.LatestResolution? Resolved { get; init; }

    /// <summary>
    /// A listing of <see cref="Path"/> begun early: a push's source on this machine, listed while the server connects.
    /// The transfer's first look at the source takes it instead of listing again; the push disposes it.
    /// </summary>
    public EarlyListing? EarlyListing { get; init; }
}

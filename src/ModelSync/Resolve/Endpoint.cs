using ModelSync.Remotes;

namespace ModelSync.Resolve;

/// <summary>An absolute path on a place.</summary>
public sealed record Endpoint(IRemote Remote, string Path, string Display)
{
    /// <summary>Set when the path came from <c>MODEL@latest</c>: which version was chosen, for the report.</summary>
    public Versioning.LatestResolution? Resolved { get; init; }
}

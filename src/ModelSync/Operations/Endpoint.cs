using ModelSync.Remotes;

namespace ModelSync.Operations;

/// <summary>An absolute path on a place.</summary>
public sealed record Endpoint(IRemote Remote, string Path, string Display);

using ModelSync.Resolve;
using ModelSync.Transfer;

namespace ModelSync.Operations;

/// <summary>How the bytes of a server-to-server copy travel.</summary>
public enum CopyRoute
{
    /// <summary>Streamed through this machine (tar over two ssh connections): works whenever this machine reaches both.</summary>
    Relay,

    /// <summary>The source server runs rsync to the target itself: the fast path inside one data centre.</summary>
    Direct,
}

/// <summary>
/// One model from one server to another, verified at the target and published there atomically, exactly as a
/// push: lock, hidden stage seeded from the current version, sha256 of every file on both servers (the source's
/// manifest where it still vouches), one re-send of a mismatch, two-rename publish. A side that is a local
/// directory (the <c>local</c> alias, or a <c>local_path</c> mount proven to be the server's model_base) is
/// copied by rsync here, whatever the route. Fan-out builds on this: push once, then copy server to server.
/// </summary>
public sealed class ServerCopy(RemoteSession session, ITransferProgress progress)
{
    /// <summary>Warnings from resolving (a <c>local_path</c> that did not prove out), for the report.</summary>
    public List<string> Warnings { get; } = [];

    /// <summary>
    /// <c>alias:path</c> (as for pull; <c>MODEL@latest</c> allowed) and <c>alias[:path]</c> (as for push: under the
    /// alias's model_base, <c>dir/</c> puts it inside, no path keeps the source's name).
    /// </summary>
    public Task<(Endpoint From, Endpoint To)> ResolveAsync(string source, string target, bool outsideBase, CancellationToken cancellationToken) =>
        new EndpointResolver(session).CopyAsync(source, target, outsideBase, PushPull.Warner(Warnings, progress), cancellationToken);

    /// <summary>Copies <paramref name="from"/> to <paramref name="to"/>; the result is a push's, with direction <c>copy</c>.</summary>
    public async Task<TransferResult> RunAsync(Endpoint from, Endpoint to, CopyRoute route, TransferOptions options, CancellationToken cancellationToken)
    {
        IStageTransport transport = from.Remote.Alias.IsLocal || to.Remote.Alias.IsLocal ? LocalStageTransport.Choose(session.Runner, from, to, options)
            : route == CopyRoute.Direct ? new DirectStageTransport(session.Runner)
            : new RelayStageTransport(session.Runner);
        var result = await new TransferOperation(transport, session.Hasher, progress).RunAsync(Direction.Copy, from, to, PushPull.WithNaming(options, session), cancellationToken);
        return result with { ResolvedFrom = from.Resolved?.Selector, Warnings = [.. Warnings, .. result.Warnings] };
    }
}

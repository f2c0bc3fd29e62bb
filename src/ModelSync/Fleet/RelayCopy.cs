using System.Collections.Concurrent;
using ModelSync.Errors;
using ModelSync.Operations;
using ModelSync.Paths;
using ModelSync.Resolve;
using ModelSync.Transfer;

namespace ModelSync.Fleet;

/// <summary>
/// One leg of a relayed fan-out: a full <see cref="ServerCopy"/> by the direct route (the source server runs rsync
/// to the target) from a server that holds the model to a target, landing where a push of the same model would
/// (the target's path, or the local model's name under its model_base). Reaching the target from here is done
/// first and its failure is the target's own; a failure after that is the route's, and the target is pushed from
/// this machine instead.
/// </summary>
public sealed class RelayCopy(RemoteSession session, string modelName, bool outsideBase, TransferOptions options, IFleetProgress progress)
{
    private readonly ConcurrentDictionary<string, Endpoint> _copies = new(StringComparer.Ordinal);

    /// <summary>Where <paramref name="server"/>'s copy of the model is (or will be, once its push or copy succeeds).</summary>
    public void Holds(RemoteSpec server, Endpoint copy) => _copies[server.Alias] = copy;

    public async Task<RelayLeg<TransferResult>> RunAsync(RemoteSpec source, RemoteSpec target, CancellationToken cancellationToken)
    {
        var from = _copies.TryGetValue(source.Alias, out var held) ? held
            : throw new InvalidOperationException($"{source.Alias} was chosen as a source before it held the model");
        var line = progress.For(target);
        line.Phase($"copying from {source.Alias}");
        var warnings = new List<string>();
        var to = await new EndpointResolver(session).TargetAsync(target, modelName, outsideBase, PushPull.Warner(warnings, line), cancellationToken);
        warnings.AddRange(PushPull.CheckNaming(session.Config.Naming, PosixPath.Name(to.Path), options.StrictNaming, line));
        line.Phase($"target {to.Display}, copying from {source.Alias}");
        try
        {
            var result = await new ServerCopy(session, line).RunAsync(from, to, CopyRoute.Direct, options, cancellationToken);
            if (FleetPush.Judge(result) is null) Holds(target, to);
            return RelayLeg.Copied(result with { Warnings = [.. warnings, .. result.Warnings] });
        }
        catch (Exception e) when (FleetRunner.Failure(e, cancellationToken) is { ExitCode: not (ExitCodes.Usage or ExitCodes.Interrupted) } failure)
        {
            return RelayLeg.RouteFailed<TransferResult>(failure);
        }
    }
}

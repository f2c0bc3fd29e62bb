using ModelSync.Paths;
using ModelSync.Transfer;

namespace ModelSync.Fleet;

/// <summary>Hears about a push to several servers: each server's own transfer progress, then its outcome.</summary>
public interface IFleetProgress
{
    /// <summary>The progress listener of one server's push; asked once per target, when its push starts.</summary>
    ITransferProgress For(RemoteSpec target);

    /// <summary>A server is finished, one way or the other.</summary>
    void Done(TargetOutcome<TransferResult> outcome);
}

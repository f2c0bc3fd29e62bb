using ModelSync.Remotes;

namespace ModelSync.Transfer;

/// <summary>
/// The stage's verify-and-publish, asked of a transport that can do it in the same call as the send (a small new
/// model's tar stream): <see cref="StageSend.Finished"/> then says what it found. <paramref name="published"/> hears
/// that the call published and released the lock.
/// </summary>
internal sealed class FinishWithSend(StageFinishRequest request, Action published)
{
    private int _tries;

    /// <summary>The request for the next try: after the first, an earlier one may have published already.</summary>
    public StageFinishRequest NextRequest() => request with { Retry = _tries++ > 0 };

    public void Published() => published();
}

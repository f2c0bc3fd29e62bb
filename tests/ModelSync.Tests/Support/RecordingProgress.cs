using ModelSync.Transfer;

namespace ModelSync.Tests.Support;

/// <summary>A listener that keeps the phases it is told.</summary>
public sealed class RecordingProgress : ITransferProgress
{
    private readonly List<string> _phases = [];

    public IReadOnlyList<string> Phases
    {
        get
        {
            lock (_phases) return [.. _phases];
        }
    }

    public bool WantsLiveProgress => false;

    public void Phase(string message)
    {
        lock (_phases) _phases.Add(message);
    }

    public void Item(RsyncItem item)
    {
    }

    public void Bytes(RsyncProgress update)
    {
    }
}

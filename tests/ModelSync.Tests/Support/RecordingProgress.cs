using ModelSync.Planning;
using ModelSync.Transfer;

namespace ModelSync.Tests.Support;

/// <summary>A listener that keeps the phases it is told and answers the <c>--delete</c> question with <paramref name="confirmDeletes"/>.</summary>
public sealed class RecordingProgress(bool confirmDeletes = true) : ITransferProgress
{
    private readonly List<string> _phases = [];

    public IReadOnlyList<string> Phases
    {
        get
        {
            lock (_phases) return [.. _phases];
        }
    }

    /// <summary>What <c>--delete</c> would remove, as asked; null when nothing was asked.</summary>
    public IReadOnlyList<PlannedEntry>? AskedToDelete { get; private set; }

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

    public bool ConfirmDeletes(IReadOnlyList<PlannedEntry> deletes)
    {
        AskedToDelete = deletes;
        return confirmDeletes;
    }
}

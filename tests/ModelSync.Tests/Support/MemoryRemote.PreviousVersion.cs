using ModelSync.Paths;
using ModelSync.Remotes;

namespace ModelSync.Tests.Support;

/// <summary>A previous version a publish could not remove, as a server leaves it at the target's old name.</summary>
public sealed partial class MemoryRemote
{
    /// <summary>Set: the previous version cannot be removed (another user's files in it), for this reason as rm says it.</summary>
    public string? PreviousStaysBecause { get; set; }

    public Task<PreviousVersionRemoval> RemovePreviousVersionAsync(string target, LockHolder? holder, CancellationToken cancellationToken)
    {
        Record("RemovePreviousVersion", target);
        return Task.FromResult(RemovePrevious(target, holder));
    }

    private PreviousVersionRemoval RemovePrevious(string target, LockHolder? holder)
    {
        var old = StageNames.Old(target);
        lock (_nodes)
        {
            if (!Exists(old)) return new PreviousVersionRemoval(PreviousVersionState.Gone);
            if (holder is not null && _locks.ContainsKey(target)) return new PreviousVersionRemoval(PreviousVersionState.Busy);
            if (!Exists(target)) return new PreviousVersionRemoval(PreviousVersionState.Publishing);
            if (PreviousLeft(target) is { } left) return new PreviousVersionRemoval(PreviousVersionState.Left, left);
            Remove(old);
        }
        return new PreviousVersionRemoval(PreviousVersionState.Removed);
    }

    /// <summary>The target moved to its old name, as a publish's first rename does; it stays there only when it cannot be removed.</summary>
    private void SetAside(string target)
    {
        Remove(StageNames.Old(target));
        if (PreviousStaysBecause is null) Remove(target);
        else Move(target, StageNames.Old(target), keep: false);
    }

    private PreviousVersionLeft? PreviousLeft(string target) =>
        PreviousStaysBecause is { } why && Exists(StageNames.Old(target)) ? new PreviousVersionLeft(StageNames.Old(target), why) : null;
}

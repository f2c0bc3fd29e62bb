using ModelSync.Manifests;

namespace ModelSync.Planning;

public enum EntryStatus
{
    /// <summary>Present on both sides and considered equal.</summary>
    Same,

    /// <summary>Only on the source: will be sent.</summary>
    New,

    /// <summary>On both sides but different: will be sent.</summary>
    Modified,

    /// <summary>Only on the target: deleted with <c>--delete</c>, otherwise left alone.</summary>
    TargetOnly,
}

/// <summary>The decision for one path, with the reason a person can read.</summary>
public sealed record PlannedEntry(string Path, EntryKind Kind, EntryStatus Status, string Reason, TreeEntry? Source, TreeEntry? Target, bool Delete)
{
    public bool WillSend => Status is EntryStatus.New or EntryStatus.Modified && Kind != EntryKind.Directory;
}

/// <summary>Everything <see cref="Planner.Plan"/> decided, in path order.</summary>
public sealed record TransferPlan(IReadOnlyList<PlannedEntry> Entries)
{
    public IEnumerable<PlannedEntry> ToSend => Entries.Where(e => e.WillSend);

    public IEnumerable<PlannedEntry> ToDelete => Entries.Where(e => e.Delete);

    public long BytesToSend => ToSend.Sum(e => e.Source?.Size ?? 0);

    /// <summary>What would be sent, for a person: <c>9 file(s)</c>, or <c>9 file(s) and 12 link(s)</c> when links are among them.</summary>
    public string DescribeToSend()
    {
        var links = ToSend.Count(e => e.Kind == EntryKind.Symlink);
        var files = ToSend.Count() - links;
        return links == 0 ? $"{files} file(s)" : $"{files} file(s) and {links} link(s)";
    }

    public bool IsNoOp => !Entries.Any(e => e.Status is EntryStatus.New or EntryStatus.Modified || e.Delete);

    public int Count(EntryStatus status) => Entries.Count(e => e.Status == status && e.Kind != EntryKind.Directory);
}

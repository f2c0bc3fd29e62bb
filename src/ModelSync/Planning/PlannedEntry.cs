using ModelSync.Manifests;
using ModelSync.Text;

namespace ModelSync.Planning;

public enum EntryStatus
{
    /// <summary>Present on both sides and considered equal.</summary>
    Same,

    /// <summary>Only on the source: will be sent.</summary>
    New,

    /// <summary>On both sides but different: will be sent.</summary>
    Modified,

    /// <summary>Only on the target: deleted with <c>--delete</c> or when the source replaces what holds it, otherwise left alone.</summary>
    TargetOnly,
}

/// <summary>
/// The decision for one path, with the reason a person can read. <paramref name="Delete"/>: the target's entry here
/// is removed (with <c>--delete</c>; or, whatever the options, because the source replaces what holds it with another kind).
/// </summary>
public sealed record PlannedEntry(string Path, EntryKind Kind, EntryStatus Status, string Reason, TreeEntry? Source, TreeEntry? Target, bool Delete)
{
    public bool WillSend => Status is EntryStatus.New or EntryStatus.Modified && Kind != EntryKind.Directory;

    /// <summary>A directory where the target has a file or link, or the reverse: what the target has here goes, contents and all.</summary>
    public bool ReplacesKind => Source is not null && Target is not null && Source.Kind != Target.Kind
        && (Source.Kind == EntryKind.Directory || Target.Kind == EntryKind.Directory);

    /// <summary>Something of the target's is removed here: deleted, or replaced by something of another kind.</summary>
    public bool Removes => Delete || ReplacesKind;

    /// <summary>What is removed here, for a list a person reads: a directory ends in <c>/</c>, a kind change says what replaces what.</summary>
    public string Removed
    {
        get
        {
            var kind = Planner.Describe(Target?.Kind ?? Kind);
            if (ReplacesKind) return $"{(Path.Length == 0 ? "the target itself" : Path + (Target!.Kind == EntryKind.Directory ? "/" : ""))} (a {kind}, replaced by a {Planner.Describe(Kind)})";
            return Path.Length == 0 ? $"the target itself (a {kind})" : Path + (Kind == EntryKind.Directory ? "/" : "");
        }
    }
}

/// <summary>Everything <see cref="Planner.Plan"/> decided, in path order.</summary>
public sealed record TransferPlan(IReadOnlyList<PlannedEntry> Entries)
{
    public IEnumerable<PlannedEntry> ToSend => Entries.Where(e => e.WillSend);

    public IEnumerable<PlannedEntry> ToDelete => Entries.Where(e => e.Delete);

    /// <summary>Everything of the target's this plan removes: deletions and entries replaced by another kind.</summary>
    public IEnumerable<PlannedEntry> ToRemove => Entries.Where(e => e.Removes);

    /// <summary>The plan removes something though <c>--delete</c> was not given: a kind change, which must not run without it.</summary>
    public bool NeedsDelete { get; init; }

    public long BytesToSend => ToSend.Sum(e => e.Source?.Size ?? 0);

    /// <summary>What would be sent, for a person: <c>9 files</c>, or <c>9 files and 12 links</c> when links are among them.</summary>
    public string DescribeToSend()
    {
        var links = ToSend.Count(e => e.Kind == EntryKind.Symlink);
        var files = ToSend.Count() - links;
        return links == 0 ? Human.Count(files, "file") : $"{Human.Count(files, "file")} and {Human.Count(links, "link")}";
    }

    public bool IsNoOp => !Entries.Any(e => e.Status is EntryStatus.New or EntryStatus.Modified || e.Delete);

    public int Count(EntryStatus status) => Entries.Count(e => e.Status == status && e.Kind != EntryKind.Directory);
}

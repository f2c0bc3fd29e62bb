using ModelSync.Planning;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary>What a transfer would remove from its target, listed before it is asked for: the first hundred names, then a count.</summary>
public static class RemovalList
{
    private const int MaxListed = 100;

    /// <param name="server">Named in the heading when several servers are asked in turn; null for a single target.</param>
    public static void Write(TextWriter writer, IReadOnlyList<PlannedEntry> removals, string? server)
    {
        writer.WriteLine();
        writer.WriteLine($"## Files to delete{(server is null ? "" : " on " + server)} (--delete): {removals.Count}");
        foreach (var entry in removals.Take(MaxListed)) writer.WriteLine($"- {Printable.Name(entry.Removed)}");
        if (removals.Count > MaxListed) writer.WriteLine($"- … and {removals.Count - MaxListed} more");
        writer.WriteLine();
    }
}

using ModelSync.Planning;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary>What a transfer would remove from its target, listed before it is asked for: bounded as every list of files is, then a count.</summary>
public static class RemovalList
{
    /// <param name="server">Named in the heading when several servers are asked in turn; null for a single target.</param>
    public static void Write(TextWriter writer, IReadOnlyList<PlannedEntry> removals, string? server, ListBound bound = default)
    {
        writer.WriteLine();
        writer.WriteLine($"## Files to delete{(server is null ? "" : " on " + server)} (--delete): {removals.Count}");
        bound.WriteList(writer, removals, entry => $"- {Printable.Name(entry.Removed)}");
        writer.WriteLine();
    }
}

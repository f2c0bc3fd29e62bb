using ModelSync.Planning;
using ModelSync.Reporting;
using ModelSync.Transfer;

namespace ModelSync.Cli.Commands;

/// <summary>
/// The command line's say on what a transfer would remove: the list, always (even with <c>--quiet</c>), to the report;
/// then yes with <c>--yes</c>, no when stdin is not a terminal, else the person's answer to [y/N] on stderr.
/// <paramref name="namesServer"/>: several servers are asked in turn, so the list and the question name each.
/// <paramref name="handOver"/> runs the asking while the terminal is free of progress (a live bar cleared, a block of
/// server lines held and drawn again after).
/// </summary>
public sealed class ConsoleRemovalConsent(TextWriter report, bool assumeYes, bool namesServer, Func<Func<bool>, bool> handOver,
    ListBound bound = default, Action? listed = null) : IRemovalConsent
{
    public bool Confirm(string server, IReadOnlyList<PlannedEntry> removals) => handOver(() =>
    {
        RemovalList.Write(report, removals, namesServer ? server : null, bound);
        // A report held back until the end must show the list now: before the question, or before the refusal.
        listed?.Invoke();
        if (assumeYes) return true;
        if (Console.IsInputRedirected) return false;
        Console.Error.Write($"Delete {(removals.Count == 1 ? "this file" : $"these {removals.Count} files")} from {(namesServer ? server : "the target")}? [y/N] ");
        return Console.ReadLine()?.Trim().ToLowerInvariant() is "y" or "yes";
    });
}

using ModelSync.Operations;
using ModelSync.Reporting;
using ModelSync.Transfer;

namespace ModelSync.Cli.Commands;

/// <summary>
/// File names as they go: into the Markdown report, or to stderr when stdout carries JSON. Long transfers
/// list the first files, then one count at the end, so an agent's context is not flooded.
/// </summary>
public sealed class ConsoleProgress(TextWriter items, TextWriter phases) : ITransferProgress
{
    private const int MaxListed = 100;
    private int _count;

    public void Phase(string message) => phases.WriteLine($"model-sync: {message}");

    public void Item(RsyncItem item)
    {
        _count++;
        if (_count <= MaxListed) items.WriteLine(TransferReport.Item(item));
    }

    /// <summary>Closes the list: how many were not shown, or that nothing moved.</summary>
    public void Finish()
    {
        if (_count > MaxListed) items.WriteLine($"- … and {_count - MaxListed} more");
        if (_count == 0) items.WriteLine("- nothing to send");
    }
}

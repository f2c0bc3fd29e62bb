using ModelSync.Reporting.Json;
using ModelSync.Text;
using ModelSync.Transfer;

namespace ModelSync.Reporting;

/// <summary>How a push, pull or copy report tells which older version a new one started from, and what it saved.</summary>
public static class BasisReport
{
    /// <summary>The Result table's Basis row, e.g. <c>RTX3090_N2501_ASR_250715 (newest other version): 118 MiB not sent; 12 files unchanged there, hard-linked</c>.</summary>
    public static string Row(BasisUse basis) =>
        $"{Printable.Name(basis.Name)} ({Why(basis)}): {Human.Bytes(basis.BytesSaved)} not sent; {Human.Count(basis.FilesUnchanged, "file")} unchanged there, hard-linked";

    /// <summary>The dry run's line about the basis.</summary>
    public static string PlanLine(BasisUse basis) =>
        $"Basis: {Printable.Name(basis.Name)} ({Why(basis)}): {Human.Count(basis.FilesUnchanged, "file")} ({Human.Bytes(basis.BytesSaved)}) unchanged there would be hard-linked, not sent; changed files go as deltas against theirs.";

    public static BasisJson? Json(BasisUse? basis) => basis is null ? null : new BasisJson
    {
        Name = basis.Name,
        Path = basis.Path,
        Named = basis.Named,
        BytesSaved = basis.BytesSaved,
        FilesUnchanged = basis.FilesUnchanged,
    };

    private static string Why(BasisUse basis) => basis.Named ? "--basis" : "newest other version of the model";
}

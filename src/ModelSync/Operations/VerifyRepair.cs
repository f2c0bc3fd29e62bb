using ModelSync.Text;

namespace ModelSync.Operations;

/// <summary>
/// The push that makes a copy that failed <c>verify</c> match its source again. <c>--checksum</c>, because a file
/// damaged with its size and mtime kept looks unchanged to a plain push; <c>--delete</c> when the copy holds files the
/// source lacks (the push then lists them and asks). <see cref="On"/>: the host the source is on when it is not this
/// machine (a manifest written by a push from elsewhere); the command runs there.
/// </summary>
public sealed record VerifyRepair(string Source, string Target, bool Delete, bool OutsideBase)
{
    public string? On { get; init; }

    public string Command => Commands([this]).Single().Command;

    /// <summary>The repair of a failed verify: null when it found nothing.</summary>
    public static VerifyRepair? For(string source, string target, IReadOnlyCollection<VerifyFinding> findings, bool outsideBase, string? on = null) =>
        findings.Count == 0 ? null : new VerifyRepair(source, target, findings.Any(f => f.OnlyOnRemote), outsideBase) { On = on };

    /// <summary>Pure: one push per source (and host), to every target repaired from it, in the order given.</summary>
    public static IReadOnlyList<(string? On, string Command)> Commands(IEnumerable<VerifyRepair> repairs) =>
        repairs.GroupBy(r => (r.Source, r.On, r.OutsideBase))
            .Select(g => (g.Key.On, ToolName.Command + " push " + ShellWords.Join(
                [g.Key.Source, .. g.Select(r => r.Target).Distinct(StringComparer.Ordinal), "--checksum",
                 .. g.Any(r => r.Delete) ? ["--delete"] : Array.Empty<string>(), .. g.Key.OutsideBase ? ["--outside-base"] : Array.Empty<string>()])))
            .ToList();
}

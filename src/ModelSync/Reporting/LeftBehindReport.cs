using ModelSync.Paths;
using ModelSync.Publishing;
using ModelSync.Remotes;
using ModelSync.Reporting.Json;
using ModelSync.Text;
using ModelSync.Versioning;

namespace ModelSync.Reporting;

/// <summary>
/// <c>list</c>'s account of stages and locks left behind, with the command that resumes or holds each; cut as other
/// lists are (<see cref="ListBound"/>), since a model_base that many pushes died in could hold thousands.
/// </summary>
public static class LeftBehindReport
{
    /// <param name="pattern">The naming convention, by which alone <c>prune</c> finds a version and so its previous version.</param>
    public static void Write(TextWriter writer, IReadOnlyList<LeftBehind> entries, DateTimeOffset now, NamingPattern pattern, string modelBase, ListBound bound = default)
    {
        if (entries.Count == 0) return;
        writer.WriteLine();
        writer.WriteLine("## Left behind");
        bound.WriteList(writer, entries, entry => Printable.Text(Line(entry, now, pattern, modelBase)));
    }

    public static string Line(LeftBehind entry, DateTimeOffset now, NamingPattern pattern, string modelBase)
    {
        var age = Age(now - entry.Since);
        var holder = entry.Holder;
        if (entry.Kind == LeftBehindKind.PreviousVersion)
            return $"- previous version of {entry.Target} ({Human.Bytes(entry.Bytes)}, {age} old), which a finished publish could not remove " +
                   $"(at {StageNames.Prefix}old.{entry.Target}) — {Remover(entry.Target, pattern, modelBase)}";
        return entry.Kind == LeftBehindKind.Stage
            ? $"- stage of {entry.Target} ({Human.Bytes(entry.Bytes)}, {age} old) — " +
              (holder is null ? "rerun the push or pull that made it to resume" : $"resume: `{holder.Command}`")
            : $"- lock on {entry.Target} held by " +
              (holder is null ? "an unknown command" : $"`{holder.Command}` on {holder.Host}, pid {holder.Pid}") + $", {age} old";
    }

    /// <summary>
    /// What removes a previous version left beside <paramref name="target"/>: <c>prune</c> for a name it can match, and
    /// always the command a user allowed to runs, as the publish's own warning printed it.
    /// </summary>
    private static string Remover(string target, NamingPattern pattern, string modelBase)
    {
        var removal = PreviousVersionLeft.Removal(StageNames.Old(PosixPath.Combine(modelBase, target)));
        return pattern.Parse(target) is { } name
            ? $"`prune` removes it when it can{(name.Model.Length == 0 ? "" : $" (--model {name.Model})")}; or {removal}"
            : $"its name does not follow {pattern.Template}, which `prune` finds versions by: {removal}";
    }

    /// <summary>The largest whole unit: 40 s, 5 min, 3 h, 2 d.</summary>
    public static string Age(TimeSpan age) =>
        age.TotalMinutes < 1 ? $"{Math.Max(0, (int)age.TotalSeconds)} s"
        : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min"
        : age.TotalDays < 1 ? $"{(int)age.TotalHours} h"
        : $"{(int)age.TotalDays} d";

    public static IReadOnlyList<LeftBehindJson> Json(IReadOnlyList<LeftBehind> entries, DateTimeOffset now, ListBound bound = default) =>
        [.. bound.TakeForJson(entries).Select(e => new LeftBehindJson
        {
            Kind = e.Kind switch { LeftBehindKind.Stage => "stage", LeftBehindKind.Lock => "lock", _ => "previous_version" },
            Target = e.Target,
            Bytes = e.Bytes,
            Since = e.Since,
            AgeSeconds = Math.Max(0, (long)(now - e.Since).TotalSeconds),
            Command = e.Holder?.Command,
            Host = e.Holder?.Host,
            Pid = e.Holder?.Pid,
        })];
}

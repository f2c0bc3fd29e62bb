using ModelSync.Paths;
using ModelSync.Publishing;
using ModelSync.Reporting.Json;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary>
/// <c>list</c>'s account of stages and locks left behind, with the command that resumes or holds each; cut as other
/// lists are (<see cref="ListBound"/>), since a model_base that many pushes died in could hold thousands.
/// </summary>
public static class LeftBehindReport
{
    public static void Write(TextWriter writer, IReadOnlyList<LeftBehind> entries, DateTimeOffset now, ListBound bound = default)
    {
        if (entries.Count == 0) return;
        writer.WriteLine();
        writer.WriteLine("## Left behind");
        bound.WriteList(writer, entries, entry => Printable.Text(Line(entry, now)));
    }

    public static string Line(LeftBehind entry, DateTimeOffset now)
    {
        var age = Age(now - entry.Since);
        var holder = entry.Holder;
        if (entry.Kind == LeftBehindKind.PreviousVersion)
            return $"- previous version of {entry.Target} ({Human.Bytes(entry.Bytes)}, {age} old), which a finished publish could not remove " +
                   $"(at {StageNames.Prefix}old.{entry.Target}) — `prune` removes it when it can";
        return entry.Kind == LeftBehindKind.Stage
            ? $"- stage of {entry.Target} ({Human.Bytes(entry.Bytes)}, {age} old) — " +
              (holder is null ? "rerun the push or pull that made it to resume" : $"resume: `{holder.Command}`")
            : $"- lock on {entry.Target} held by " +
              (holder is null ? "an unknown command" : $"`{holder.Command}` on {holder.Host}, pid {holder.Pid}") + $", {age} old";
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

using ModelSync.Config;

namespace ModelSync.Fleet;

/// <summary>
/// How <c>verify</c>'s words divide: a local copy and the servers to compare it with (<c>verify ./m reaper @gpu</c>),
/// or only places on servers, each checked against its own manifest (<c>verify reaper:m</c>, <c>verify @gpu:m doomfist:m</c>).
/// </summary>
public static class VerifyPlaces
{
    /// <summary>
    /// Pure. One word is a place on a server. With more, the first is the local copy unless it is a <c>@group</c>, or an
    /// <c>alias:path</c> of a configured alias that is not also a path here.
    /// </summary>
    public static (string? Local, IReadOnlyList<string> Targets) Split(ModelSyncConfig config, IReadOnlyList<string> words, Func<string, bool> existsHere)
    {
        if (words.Count <= 1) return (null, words);
        var first = words[0];
        var colon = first.IndexOf(':', StringComparison.Ordinal);
        var onServer = first.StartsWith(FleetTargets.GroupMark) || (colon > 0 && config.Servers.ContainsKey(first[..colon]));
        return onServer && !existsHere(first) ? (null, words) : (first, words.Skip(1).ToList());
    }
}

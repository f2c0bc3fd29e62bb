using ModelSync.Text;

namespace ModelSync.Remotes;

/// <summary>
/// A publish that put the new version in place but could not remove the previous one, left at <paramref name="Path"/>
/// (the old name beside the target) for the reason <paramref name="Why"/> (rm's own words, e.g. a file another user owns).
/// The model is live: this is a warning, not a failure.
/// </summary>
public sealed record PreviousVersionLeft(string Path, string Why)
{
    /// <summary>One line for the user: what is left, why, and the command that removes it, runnable as printed.</summary>
    public string Warning(string display) => $"{display} is published, but its previous version is {LeftAt}";

    /// <summary>One line for <c>prune</c>, which tried again to remove what a publish of <paramref name="version"/> left.</summary>
    public string StillLeftWarning(string version) => $"the previous version of {version} is still {LeftAt}";

    /// <summary>Where it is, why it stayed, and the command that removes it: the same in every warning about it.</summary>
    private string LeftAt => $"left at {Path}{(Why.Length == 0 ? "" : $" ({Why})")}; {Removal(Path)}";

    /// <summary>The command that removes a previous version left at <paramref name="path"/>, runnable as printed.</summary>
    public static string Removal(string path) => $"remove it as a user allowed to: rm -rf -- {SingleQuoted.Word(path)}";

    /// <summary>A script's account of why, as its last non-empty stderr line.</summary>
    public static string WhyFrom(string stderr) =>
        stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? "";
}

/// <summary>What <see cref="IRemote.RemovePreviousVersionAsync"/> found beside a target.</summary>
public enum PreviousVersionState
{
    /// <summary>Nothing at the old name.</summary>
    Gone,

    Removed,

    /// <summary>Still there: <see cref="PreviousVersionRemoval.Left"/> says why.</summary>
    Left,

    /// <summary>The target is not in place, so the old name may hold the only copy of the model: untouched.</summary>
    Publishing,

    /// <summary>Someone else holds the target's lock: untouched.</summary>
    Busy,
}

/// <summary>The answer of <see cref="IRemote.RemovePreviousVersionAsync"/>; <paramref name="Left"/> with <see cref="PreviousVersionState.Left"/>.</summary>
public sealed record PreviousVersionRemoval(PreviousVersionState State, PreviousVersionLeft? Left = null);

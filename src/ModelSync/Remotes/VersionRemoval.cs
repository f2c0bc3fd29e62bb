namespace ModelSync.Remotes;

/// <summary>What <see cref="IRemote.RemoveVersionAsync"/> did to a version.</summary>
public enum VersionRemoval
{
    /// <summary>Renamed to a hidden name, then removed (a symlink: the link only).</summary>
    Removed,

    /// <summary>Nothing was there any more.</summary>
    Gone,

    /// <summary>A stage beside it (or an old name and no version): a push is under way there, so it was left alone.</summary>
    BeingPublished,
}

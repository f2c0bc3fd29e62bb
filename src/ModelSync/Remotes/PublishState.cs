namespace ModelSync.Remotes;

/// <summary>Where a publish this machine stopped waiting for stands on the target's place.</summary>
public enum PublishState
{
    /// <summary>No clear answer: the place could not be asked, or said something else.</summary>
    Unknown,

    /// <summary>The stage is gone and the target is there: the new version is in place.</summary>
    Published,

    /// <summary>The stage is there and nothing is under way: the target is as it was.</summary>
    Kept,

    /// <summary>Still under way after the wait.</summary>
    Busy,

    /// <summary>Neither the stage nor the target is there.</summary>
    Gone,
}

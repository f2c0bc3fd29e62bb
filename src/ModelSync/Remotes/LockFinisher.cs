namespace ModelSync.Remotes;

/// <summary>How the finish a lock records (the call that verifies and publishes, see <see cref="RemoteScripts.Finishing"/>) stands, as judged on the lock's place.</summary>
public enum FinisherState
{
    /// <summary>No finish is recorded: the lock is its holder's alone.</summary>
    None,

    /// <summary>Its process still runs there: it ends on its own, whether or not its client is still waiting.</summary>
    Running,

    /// <summary>Its process is gone without giving the lock back (killed).</summary>
    Ended,

    /// <summary>Recorded by another host sharing the directory: not judged.</summary>
    Elsewhere,
}

/// <summary>
/// The finish running on a lock, if any. <paramref name="HandedOver"/>: its client gave the lock to it (interrupted, or
/// unsure whether it ended), so it is that finish's to give back, and nobody's once it has ended.
/// </summary>
public sealed record LockFinisher(FinisherState State, bool HandedOver)
{
    public static LockFinisher None { get; } = new(FinisherState.None, false);

    /// <summary>Pure: the lock script's line, <c>finisher STATE</c> then <c>handed</c> when it was handed over; anything else reads as none.</summary>
    public static LockFinisher Parse(string line)
    {
        var words = line.Split(' ');
        if (words is not ["finisher", var state, ..]) return None;
        var handed = words.Length > 2 && words[2] == "handed";
        return state switch
        {
            "live" => new LockFinisher(FinisherState.Running, handed),
            "gone" => new LockFinisher(FinisherState.Ended, handed),
            "elsewhere" => new LockFinisher(FinisherState.Elsewhere, handed),
            _ => None,
        };
    }
}

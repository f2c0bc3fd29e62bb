using ModelSync.Paths;

namespace ModelSync.Fleet;

/// <summary>Why one server of a multi-server command did not succeed: the exit code it alone would have had, and the error line.</summary>
public sealed record TargetFailure(int ExitCode, string Message, string? Fix)
{
    public string Line => Fix is null ? Message : $"{Message} — {Fix}";
}

/// <summary>One server's share of a multi-server command: its result (when it got that far), its failure, its time.</summary>
public sealed record TargetOutcome<T>(RemoteSpec Target, T? Result, TargetFailure? Failure, double Seconds)
    where T : class
{
    public bool Ok => Failure is null;

    public string Server => Target.Alias;

    /// <summary>A relayed push: the server this one's copy came from; null when it was pushed from this machine.</summary>
    public string? CopiedFrom { get; init; }

    /// <summary>A relayed push: why this server was pushed from this machine after all (its copy's route failed).</summary>
    public string? Warning { get; init; }
}

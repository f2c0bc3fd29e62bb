namespace ModelSync.Config;

/// <summary>The <c>defaults:</c> section: what a command does when its flag is not given.</summary>
public sealed record Defaults(bool Verify = true, bool Compress = false, bool Delete = false)
{
    /// <summary>A target lock older than this is taken to be abandoned and broken with a warning.</summary>
    public TimeSpan StaleLockAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The hash verification, diff and verify use when both ends have its program; sha256 otherwise.</summary>
    public ModelSync.Hashing.HashFunction Hash { get; init; } = ModelSync.Hashing.HashFunction.Sha256;

    /// <summary>A push to several servers goes once from here, then server to server (<c>--relay</c>).</summary>
    public bool Relay { get; init; }

    /// <summary>Parallel streams of a push or pull (<c>--streams</c>); null (<c>auto</c>): chosen by the bytes to send.</summary>
    public int? Streams { get; init; }
}

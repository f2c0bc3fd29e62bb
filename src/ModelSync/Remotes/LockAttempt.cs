namespace ModelSync.Remotes;

/// <summary>What one try to take a target's lock found: <see cref="Taken"/>, or <see cref="Held"/> by someone.</summary>
public abstract record LockAttempt
{
    private LockAttempt()
    {
    }

    /// <summary>The lock is ours now, recording the holder that was asked for.</summary>
    public sealed record Taken : LockAttempt;

    /// <summary>Someone holds it: <paramref name="Holder"/> as recorded in the lock (fields it lacks read <c>?</c>), since <paramref name="Age"/> ago.</summary>
    public sealed record Held(LockHolder Holder, TimeSpan Age) : LockAttempt;
}

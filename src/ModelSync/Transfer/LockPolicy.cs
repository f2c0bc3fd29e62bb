namespace ModelSync.Transfer;

/// <summary>How long to wait for a held lock, and when a lock counts as abandoned.</summary>
public sealed record LockPolicy(TimeSpan Wait, TimeSpan StaleAfter)
{
    public static readonly LockPolicy Default = new(TimeSpan.Zero, TimeSpan.FromHours(24));
}

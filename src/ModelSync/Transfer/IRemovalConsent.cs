using ModelSync.Planning;

namespace ModelSync.Transfer;

/// <summary>
/// Says whether a transfer may remove what its plan removes from the target (files <c>--delete</c> removes, or what a
/// directory and a file trading places replaces). Asked once per target after planning, before the lock; the
/// decision is the caller's (a person at a prompt, <c>--yes</c>), never a progress listener's.
/// </summary>
public interface IRemovalConsent
{
    /// <param name="server">The alias whose target would lose <paramref name="removals"/>.</param>
    /// <returns>False stops the command before anything changes.</returns>
    bool Confirm(string server, IReadOnlyList<PlannedEntry> removals);
}

/// <summary>No one to ask, so nothing is removed: a transfer that would remove anything stops before it changes anything.</summary>
public sealed class NoRemovalConsent : IRemovalConsent
{
    public static readonly NoRemovalConsent Instance = new();

    private NoRemovalConsent()
    {
    }

    public bool Confirm(string server, IReadOnlyList<PlannedEntry> removals) => false;
}

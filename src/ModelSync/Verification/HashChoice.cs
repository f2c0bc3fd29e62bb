using ModelSync.Hashing;
using ModelSync.Remotes;

namespace ModelSync.Verification;

/// <summary>The hash a command uses, and why it is not the one asked for when that could not be had.</summary>
public sealed record HashChoice(HashFunction Function, string? Warning)
{
    /// <summary>Choose for the places themselves, by the hash programs their connect probe found.</summary>
    public static HashChoice Choose(HashFunction wanted, params IReadOnlyList<IRemote> places) =>
        Choose(wanted, places.Select(p => (p.Alias.Name, p.HashTools)));

    /// <summary>
    /// <paramref name="wanted"/> when every place (name, programs on its PATH) can compute it; otherwise sha256,
    /// which every place can compute, with a one-line warning naming what is missing where.
    /// </summary>
    public static HashChoice Choose(HashFunction wanted, IEnumerable<(string Place, IReadOnlyList<string> Tools)> places)
    {
        if (wanted == HashFunction.Sha256) return new HashChoice(wanted, null);
        var lacking = places.Where(p => !wanted.AvailableWith(p.Tools)).Select(p => p.Place).Distinct(StringComparer.Ordinal).ToList();
        if (lacking.Count == 0) return new HashChoice(wanted, null);
        return new HashChoice(HashFunction.Sha256,
            $"{string.Join(" or ", wanted.Tools)} not found on {string.Join(" and ", lacking)}: hashing with sha256 instead of {wanted.Name} "
            + $"(install the {wanted.Package} package there)");
    }
}

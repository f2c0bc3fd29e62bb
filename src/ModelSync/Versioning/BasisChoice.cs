namespace ModelSync.Versioning;

/// <summary>
/// Which version beside a new one its stage starts from: the newest other version of the same MODEL, in the order
/// <c>@latest</c>, <c>versions</c> and <c>prune</c> use (<see cref="VersionOrder"/>). MODEL is matched whole, any case,
/// as <see cref="ModelCatalog"/> groups versions: <c>LANGDETECTOR</c> never takes a <c>LANGDETECTOR_MMS</c> version. Pure.
/// </summary>
public static class BasisChoice
{
    /// <summary>
    /// The basis for a new version named <paramref name="targetName"/> among <paramref name="candidates"/> (the entries
    /// beside it that could be one: of the model's kind, no links); null when the name does not follow
    /// <paramref name="pattern"/> or no other version of its MODEL is there.
    /// </summary>
    public static VersionedModel? Newest(NamingPattern pattern, string targetName, IEnumerable<ModelInfo> candidates)
    {
        if (pattern.Parse(targetName) is not { } parsed) return null;
        var others = candidates.Where(c => !string.Equals(c.Name, targetName, StringComparison.Ordinal));
        var versions = new ModelCatalog(others, pattern).VersionsOf(parsed.Model);
        return versions.Count > 0 ? versions[0] : null;
    }

    /// <summary>
    /// Why <paramref name="name"/>, given to <c>--basis</c>, cannot name a version beside the target, or null when it can:
    /// it must be one name (no <c>/</c>, not <c>.</c> or <c>..</c>), not model-sync's own, and not the target itself.
    /// </summary>
    public static string? Problem(string name, string targetName)
    {
        if (name.Length == 0 || name is "." or "..") return "is not a name";
        if (name.Contains('/', StringComparison.Ordinal)) return "is a path, not the name of a version beside the target";
        if (name.StartsWith(Paths.StageNames.Prefix, StringComparison.Ordinal)) return "is one of model-sync's own names";
        return string.Equals(name, targetName, StringComparison.Ordinal) ? "is the target itself" : null;
    }
}

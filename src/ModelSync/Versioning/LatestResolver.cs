using ModelSync.Errors;
using ModelSync.Text;

namespace ModelSync.Versioning;

/// <summary>What <c>MODEL@latest</c> turned into: the chosen entry, and how many versions it was chosen from.</summary>
public sealed record LatestResolution(string Selector, string Model, VersionedModel Chosen, int Versions)
{
    /// <summary>The line the reports print: <c>Resolved: reaper:ASR@latest → RTX3090_N2501_ASR_250820 (newest of 3 versions)</c>.</summary>
    public string Describe() =>
        $"{ModelSync.Text.Printable.Name(Selector)} → {ModelSync.Text.Printable.Name(Chosen.Name)} (newest of {Versions} version{(Versions == 1 ? "" : "s")} of {ModelSync.Text.Printable.Name(Chosen.Parsed?.Model ?? Model)})";
}

/// <summary>Turns <c>MODEL@latest</c> into the newest version of MODEL in a listing of model_base.</summary>
public static class LatestResolver
{
    private const int MaxListed = 20;

    /// <summary>
    /// The newest version of <paramref name="model"/> in <paramref name="catalog"/> (VERSION, then DATE, then
    /// mtime). None there: a usage error (exit 2, as for any name not on the server) listing the models there.
    /// </summary>
    public static LatestResolution Resolve(ModelCatalog catalog, string model, string selector, string aliasName)
    {
        var versions = catalog.VersionsOf(model);
        if (versions.Count == 0) throw NoVersions(catalog, model, aliasName);
        return new LatestResolution(selector, model, versions[0], versions.Count);
    }

    /// <summary>"no version of model 'ASRR' on reaper — did you mean 'ASR'? (models there: …)", exit 2.</summary>
    public static ModelSyncException NoVersions(ModelCatalog catalog, string model, string aliasName)
    {
        var models = catalog.ModelNames;
        var closest = ModelSync.Text.Suggestions.Closest(model, models);
        var hint = closest is null ? "" : $" — did you mean '{closest}'?";
        var there = models.Count == 0
            ? $"no name there follows {catalog.Pattern.Template}"
            : "models there: " + string.Join(", ", models.Take(MaxListed)) + (models.Count > MaxListed ? $" and {models.Count - MaxListed} more" : "");
        return ModelSyncException.Usage(
            $"no version of model '{model}' on {aliasName}{hint} ({there})",
            $"MODEL is the {{MODEL}} field of {catalog.Pattern.Template}; see `{ToolName.Command} list {aliasName}`");
    }
}

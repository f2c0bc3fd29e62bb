using System.Diagnostics.CodeAnalysis;
using ModelSync.Errors;

namespace ModelSync.Versioning;

/// <summary>
/// <c>MODEL@latest</c> where a model name is expected: the newest version of MODEL directly under model_base.
/// Any other text is a plain name, <c>@</c> and all.
/// </summary>
public static class LatestSelector
{
    public const string Suffix = "@latest";

    /// <summary>True when <paramref name="text"/> ends in <c>@latest</c>; <paramref name="model"/> is what precedes it.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out string? model)
    {
        model = null;
        if (text is null || !text.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)) return false;
        model = text[..^Suffix.Length];
        if (model.Length == 0)
            throw ModelSyncException.Usage($"'{text}' names no model", "write MODEL@latest, e.g. ASR@latest");
        if (model.Contains('/', StringComparison.Ordinal))
            throw ModelSyncException.Usage($"'{text}': @latest looks only among the models directly under model_base",
                "write alias:MODEL@latest with the MODEL field alone, e.g. reaper:ASR@latest");
        return true;
    }
}

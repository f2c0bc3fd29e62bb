using System.Globalization;
using ModelSync.Errors;

namespace ModelSync.Versioning;

/// <summary>
/// Builds a name that follows the pattern from field values (<c>model-sync name</c>). VERSION defaults to
/// today as yymmdd; every other field of the pattern must be given. The result always reads back through
/// <see cref="NamingPattern.Parse"/> as exactly the given fields.
/// </summary>
public static class NameComposer
{
    /// <summary>
    /// <paramref name="values"/>: field name → value, null when not given. Any problem is a usage error with
    /// one clear line: a value without its field's shape, a field the pattern lacks, a missing required field.
    /// </summary>
    public static ModelName Compose(NamingPattern pattern, IReadOnlyDictionary<string, string?> values, DateOnly today)
    {
        foreach (var (field, value) in values)
        {
            if (value is not null && !pattern.Has(field))
                throw ModelSyncException.Usage($"{Option(field)} given, but the naming pattern {pattern.Template} has no {{{field}}}",
                    $"leave out {Option(field)}, or add {{{field}}} to naming.pattern");
        }

        var parts = new List<KeyValuePair<string, string>>();
        foreach (var field in pattern.FieldList)
        {
            var value = values.GetValueOrDefault(field.Name);
            var defaulted = false;
            if (value is null && field.Name == NamingField.Version)
            {
                value = today.ToString("yyMMdd", CultureInfo.InvariantCulture);
                defaulted = true;
            }
            if (value is null)
                throw ModelSyncException.Usage($"{Option(field.Name)} is required: the naming pattern {pattern.Template} has {{{field.Name}}}",
                    $"add {Option(field.Name)} <{field.Name}>, {field.Shape}");
            if (!field.Accepts(value))
                throw ModelSyncException.Usage(
                    defaulted
                        ? $"today's date {value} is not a valid VERSION: it must be {field.Shape}"
                        : $"{Option(field.Name)} '{value}' is not a valid {field.Name}",
                    defaulted ? "give --version explicitly" : $"write {Option(field.Name)} as {field.Shape}");
            parts.Add(new(field.Name, value));
        }

        var name = string.Join(NamingPattern.Separator, parts.Select(p => p.Value));
        var parsed = pattern.Parse(name);
        if (parsed is null || !parsed.Fields.SequenceEqual(parts))
            throw ModelSyncException.Usage(
                $"'{name}' would not read back as the same fields under {pattern.Template}" +
                (parsed is null ? "" : $" ({string.Join(", ", parsed.Fields.Select(f => $"{f.Key} '{f.Value}'"))})"),
                "use values without '_' in the fields next to the one that may hold it");
        return parsed;
    }

    /// <summary>The command-line option for a field: GPU → --gpu.</summary>
    public static string Option(string field) => "--" + field.ToLowerInvariant();
}

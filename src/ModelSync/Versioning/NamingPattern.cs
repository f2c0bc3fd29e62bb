using System.Text;
using System.Text.RegularExpressions;
using ModelSync.Text;

namespace ModelSync.Versioning;

/// <summary>
/// A naming convention such as <c>{GPU}_{DATE}_{MODEL}_{VERSION}</c>: fields in braces joined by <c>_</c>, each
/// with the shape of <see cref="NamingField"/>. A name follows the pattern when the whole name splits into the
/// fields in order; a field whose shape allows <c>_</c> (MODEL, by default) may hold the separator as long as
/// the other fields pin the split down: <c>RTX3090_N2501_LANGDETECTOR_MMS_251030</c> has MODEL
/// <c>LANGDETECTOR_MMS</c>. Pure: no I/O.
/// </summary>
public sealed class NamingPattern
{
    public const string DefaultTemplate = "{GPU}_{DATE}_{MODEL}_{VERSION}";
    public const char Separator = '_';

    private static readonly string Fields = string.Join(", ", NamingField.Names.Select(n => "{" + n + "}"));

    private readonly Regex _whole;

    private NamingPattern(string template, IReadOnlyList<NamingField> fields)
    {
        Template = template;
        FieldList = fields;
        var regex = new StringBuilder("^");
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0) regex.Append(Separator);
            regex.Append("(?<f").Append(i).Append(">(?:").Append(fields[i].Regex).Append("))");
        }
        _whole = new Regex(regex.Append(@"\z").ToString(), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, NamingField.MatchTimeout);
    }

    /// <summary>The built-in <c>{GPU}_{DATE}_{MODEL}_{VERSION}</c> with the built-in field shapes.</summary>
    public static NamingPattern Default { get; } = Create(DefaultTemplate);

    /// <summary>The pattern as written, e.g. <c>{GPU}_{DATE}_{MODEL}_{VERSION}</c>.</summary>
    public string Template { get; }

    /// <summary>The pattern's fields, in order.</summary>
    public IReadOnlyList<NamingField> FieldList { get; }

    public bool Has(string field) => FieldList.Any(f => f.Name == field);

    public NamingField? Field(string field) => FieldList.FirstOrDefault(f => f.Name == field);

    /// <summary>
    /// Checks and compiles <paramref name="template"/> with per-field regular expressions that replace the
    /// built-in shapes. Throws <see cref="NamingPatternException"/> for anything but fields in braces joined
    /// by <c>_</c>, an unknown or repeated field, no <c>{MODEL}</c>, an expression for a field the pattern lacks,
    /// or an invalid expression.
    /// </summary>
    public static NamingPattern Create(string template, IReadOnlyDictionary<string, string>? fieldRegexes = null)
    {
        var example = $"e.g. pattern: \"{DefaultTemplate}\"";
        if (template.Length == 0)
            throw new NamingPatternException("naming.pattern is empty", null, $"write fields in braces joined by '_', {example}");
        var names = new List<string>();
        foreach (var part in template.Split(Separator))
        {
            if (part.Length < 3 || part[0] != '{' || part[^1] != '}' || part[1..^1].IndexOfAny(['{', '}']) >= 0)
                throw new NamingPatternException(
                    $"naming.pattern '{template}' is not fields in braces joined by '_' ('{part}' is not one {{FIELD}})",
                    null, $"write it like \"{DefaultTemplate}\"; fields: {Fields}");
            var name = part[1..^1];
            if (!NamingField.Names.Contains(name))
            {
                var closest = NamingField.Names.FirstOrDefault(n => name.Length > 0 && n.StartsWith(name, StringComparison.OrdinalIgnoreCase))
                    ?? Suggestions.Closest(name, NamingField.Names);
                var hint = closest is null ? "" : $" — did you mean {{{closest}}}?";
                throw new NamingPatternException($"naming.pattern '{template}' has an unknown field {{{name}}}{hint}", null, $"use only {Fields}");
            }
            if (names.Contains(name))
                throw new NamingPatternException($"naming.pattern '{template}' has {{{name}}} twice", null, "use each field once");
            names.Add(name);
        }
        if (!names.Contains(NamingField.Model))
            throw new NamingPatternException($"naming.pattern '{template}' has no {{MODEL}}", null,
                "add {MODEL}: versions are grouped by it, e.g. \"{MODEL}_{VERSION}\"");

        var overrides = fieldRegexes ?? new Dictionary<string, string>();
        foreach (var field in overrides.Keys)
        {
            if (!NamingField.Names.Contains(field))
                throw new NamingPatternException($"naming.fields has an unknown field '{field}'", field, $"use only {string.Join(", ", NamingField.Names)}");
            if (!names.Contains(field))
                throw new NamingPatternException($"naming.fields.{field} is set but naming.pattern '{template}' has no {{{field}}}", field,
                    $"remove naming.fields.{field}, or add {{{field}}} to the pattern");
        }
        var fields = names.Select(name =>
        {
            if (!overrides.TryGetValue(name, out var regex)) return NamingField.BuiltIn(name);
            try
            {
                return NamingField.Custom(name, regex);
            }
            catch (ArgumentException e)
            {
                throw new NamingPatternException($"naming.fields.{name} '{regex}' is not a usable regular expression: {e.Message}", name,
                    "write a .NET regular expression for the whole field, e.g. VERSION: '\\d{6}'", e);
            }
        }).ToList();
        return new NamingPattern(template, fields);
    }

    /// <summary>The fields of <paramref name="name"/>, or null when it does not follow the pattern.</summary>
    public ModelName? Parse(string name)
    {
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal)) return null;
        Match match;
        try
        {
            match = _whole.Match(name);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
        if (!match.Success) return null;
        var values = FieldList.Select((f, i) => new KeyValuePair<string, string>(f.Name, match.Groups["f" + i].Value)).ToList();
        return new ModelName(name, values);
    }

    public bool Conforms(string name) => Parse(name) is not null;

    /// <summary>
    /// Why <paramref name="name"/> does not follow the pattern, in a few words: too few parts, or the first
    /// field without its shape (MODEL taking whatever lies between the fields before and after it).
    /// </summary>
    public string Explain(string name)
    {
        if (Conforms(name)) return "it follows the pattern";
        var parts = name.Split(Separator);
        if (parts.Length < FieldList.Count)
            return $"it has {parts.Length} part{(parts.Length == 1 ? "" : "s")} separated by '_', the pattern needs {FieldList.Count}";
        var model = FieldList.ToList().FindIndex(f => f.Name == NamingField.Model);
        var after = FieldList.Count - model - 1;
        for (var i = 0; i < FieldList.Count; i++)
        {
            var value = i < model ? parts[i]
                : i > model ? parts[parts.Length - (FieldList.Count - i)]
                : string.Join(Separator, parts[model..(parts.Length - after)]);
            if (!FieldList[i].Accepts(value)) return $"{FieldList[i].Name} '{value}' is not {FieldList[i].Shape}";
        }
        return $"its parts do not split into {Template}";
    }

    public override string ToString() => Template;
}

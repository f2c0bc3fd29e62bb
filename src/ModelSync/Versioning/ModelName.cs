namespace ModelSync.Versioning;

/// <summary>
/// A model directory name read through a naming pattern: every field of the pattern with its value, in
/// pattern order. A field the pattern does not have reads as null.
/// </summary>
public sealed record ModelName(string Name, IReadOnlyList<KeyValuePair<string, string>> Fields)
{
    public string? Gpu => Get(NamingField.Gpu);

    public string? Date => Get(NamingField.Date);

    /// <summary>Every pattern has a MODEL field, so a parsed name always has a model.</summary>
    public string Model => Get(NamingField.Model) ?? "";

    public string? Version => Get(NamingField.Version);

    public string? Get(string field)
    {
        foreach (var (key, value) in Fields)
        {
            if (key == field) return value;
        }
        return null;
    }

    /// <summary>Same name and same fields, in the same order.</summary>
    public bool Equals(ModelName? other) =>
        other is not null && Name == other.Name && Fields.SequenceEqual(other.Fields);

    public override int GetHashCode() => HashCode.Combine(Name, Fields.Count);
}

namespace ModelSync.Reporting.Json;

// What a report record's JSON Schema says beyond the C# types (docs/json/*.schema.json are generated from the
// records; the unit test SchemasAreUpToDate reads these). The description comes from [Description].

/// <summary>The least value of an integer or number.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinimumAttribute(long value) : Attribute
{
    public long Value => value;
}

/// <summary>The greatest value of an integer.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaximumAttribute(long value) : Attribute
{
    public long Value => value;
}

/// <summary>The fewest characters of a string, or items of an array.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MinLengthAttribute(int value) : Attribute
{
    public int Value => value;
}

/// <summary>The regular expression a string matches.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PatternAttribute(string value) : Attribute
{
    public string Value => value;
}

/// <summary>The only values a string or integer takes (a string enum is its own type instead).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ValuesAttribute(params object[] values) : Attribute
{
    public IReadOnlyList<object> Values => values;
}

/// <summary>
/// Which nullable properties <c>ok</c> decides, in a multi-server report's per-server entry: null when ok, set
/// otherwise (<see cref="NullWhenOk"/>); set when ok, null otherwise (<see cref="NullUnlessOk"/>); set when ok,
/// either otherwise (<see cref="SetWhenOk"/>). Names are the JSON names.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class OkDecidesAttribute : Attribute
{
    public string[] NullWhenOk { get; init; } = [];

    public string[] NullUnlessOk { get; init; } = [];

    public string[] SetWhenOk { get; init; } = [];
}

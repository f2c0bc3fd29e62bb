using System.Text.RegularExpressions;

namespace ModelSync.Versioning;

/// <summary>
/// One field of a naming pattern: its name, the regular expression a value must match as a whole, and how
/// that shape is described to people (<c>six digits yymmdd, e.g. 250715</c>). The built-in shapes take ASCII
/// letters and digits only; a configured expression is .NET syntax, where <c>\d</c> is any Unicode digit.
/// </summary>
public sealed class NamingField
{
    public const string Gpu = "GPU";
    public const string Date = "DATE";
    public const string Model = "MODEL";
    public const string Version = "VERSION";

    /// <summary>Every field a pattern may use, in the order reports show them.</summary>
    public static IReadOnlyList<string> Names { get; } = [Gpu, Date, Model, Version];

    /// <summary>How long any regex over a model name (a field, a pattern, a <c>--filter</c> glob) may run.</summary>
    internal static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);

    private readonly Regex _whole;

    private NamingField(string name, string regex, string shape)
    {
        Name = name;
        Regex = regex;
        Shape = shape;
        _whole = new Regex($"^(?:{regex})\\z", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, MatchTimeout);
    }

    public string Name { get; }

    /// <summary>The regular expression, unanchored: it is matched against the whole value.</summary>
    public string Regex { get; }

    /// <summary>The expected shape in words, for messages.</summary>
    public string Shape { get; }

    /// <summary>The field as model-sync defines it when the config does not override it.</summary>
    public static NamingField BuiltIn(string name) => name switch
    {
        Gpu => new(Gpu, "[A-Za-z0-9]+", "letters and digits, e.g. RTX3090"),
        Date => new(Date, "[A-Za-z][0-9]{4}", "a letter and four digits, e.g. N2501"),
        Model => new(Model, @"[A-Za-z0-9][A-Za-z0-9.-]*(?:_[A-Za-z0-9][A-Za-z0-9.-]*)*",
            "letters, digits, '.' and '-', words joined by '_', e.g. LANGDETECTOR_MMS"),
        Version => new(Version, "[0-9]{6}", "six digits yymmdd, e.g. 250715"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a naming field"),
    };

    /// <summary>
    /// The field with the config's own regular expression. A leading <c>^</c> and trailing <c>$</c> are
    /// dropped: the expression always applies to the whole value. Throws <see cref="ArgumentException"/>
    /// when it is not a valid .NET regular expression.
    /// </summary>
    public static NamingField Custom(string name, string regex)
    {
        _ = BuiltIn(name);
        var body = regex;
        if (body.StartsWith('^')) body = body[1..];
        if (body.EndsWith('$') && !body.EndsWith(@"\$", StringComparison.Ordinal)) body = body[..^1];
        if (body.Length == 0) throw new ArgumentException("it matches only an empty value");
        // On its own first, so that text such as "a)(b" cannot reach outside its group in the whole-name expression.
        _ = new Regex(body, RegexOptions.CultureInvariant, MatchTimeout);
        return new NamingField(name, body, $"matching /{body}/ (naming.fields.{name})");
    }

    /// <summary>True when <paramref name="value"/> as a whole has this field's shape.</summary>
    public bool Accepts(string value)
    {
        try
        {
            return _whole.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}

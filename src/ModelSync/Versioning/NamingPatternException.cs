namespace ModelSync.Versioning;

/// <summary>
/// A naming pattern or field expression that cannot be used. <see cref="Field"/> names the field whose
/// expression is at fault, or is null when the pattern itself is; <see cref="Fix"/> says what to write instead.
/// </summary>
public sealed class NamingPatternException : Exception
{
    public NamingPatternException()
    {
    }

    public NamingPatternException(string message) : base(message)
    {
    }

    public NamingPatternException(string message, Exception inner) : base(message, inner)
    {
    }

    public NamingPatternException(string message, string? field, string fix, Exception? inner = null) : base(message, inner)
    {
        Field = field;
        Fix = fix;
    }

    public string? Field { get; }

    public string? Fix { get; }
}

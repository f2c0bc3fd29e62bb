using ModelSync.Versioning;

namespace ModelSync.Config;

/// <summary>
/// The <c>naming:</c> section: the pattern model names follow (with any <c>naming.fields</c> shapes applied)
/// and whether a push of a name that does not follow it is refused (<c>naming.strict</c>) or only warned about.
/// </summary>
public sealed record NamingConvention(NamingPattern Pattern, bool Strict)
{
    public static NamingConvention Default { get; } = new(NamingPattern.Default, false);
}

using System.Text.RegularExpressions;

namespace ModelSync.Versioning;

/// <summary><c>--filter</c>: a case-insensitive substring, or a shell glob when it holds <c>* ? [</c>.</summary>
public static class NameFilter
{
    public static bool Matches(string name, string filter)
    {
        if (!IsGlob(filter)) return name.Contains(filter, StringComparison.OrdinalIgnoreCase);
        try
        {
            return Regex.IsMatch(name, GlobToRegex(filter),
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, NamingField.MatchTimeout);
        }
        catch (ArgumentException)
        {
            // A set the shell would also match nothing with, such as the reversed range [z-a].
            return false;
        }
    }

    public static bool IsGlob(string filter) => filter.IndexOfAny(['*', '?', '[']) >= 0;

    public static string GlobToRegex(string glob)
    {
        var pattern = new System.Text.StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*':
                    pattern.Append(".*");
                    break;
                case '?':
                    pattern.Append('.');
                    break;
                case '[':
                    // As in the shell, a ']' right after '[' or '[!' belongs to the set.
                    var first = i + 1 < glob.Length && glob[i + 1] == '!' ? i + 2 : i + 1;
                    var close = first < glob.Length ? glob.IndexOf(']', first + 1) : -1;
                    if (close < 0)
                    {
                        pattern.Append(@"\[");
                        break;
                    }
                    var set = glob[first..close].Replace(@"\", @"\\", StringComparison.Ordinal)
                        .Replace("[", @"\[", StringComparison.Ordinal).Replace("]", @"\]", StringComparison.Ordinal);
                    pattern.Append(first == i + 2 ? "[^" : "[").Append(set).Append(']');
                    i = close;
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return pattern.Append(@"\z").ToString();
    }
}

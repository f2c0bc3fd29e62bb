using System.Text.RegularExpressions;

namespace ModelSync.Operations;

/// <summary><c>--filter</c>: a case-insensitive substring, or a shell glob when it holds <c>* ? [</c>.</summary>
public static class NameFilter
{
    public static bool Matches(string name, string filter) =>
        IsGlob(filter)
            ? Regex.IsMatch(name, GlobToRegex(filter), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1))
            : name.Contains(filter, StringComparison.OrdinalIgnoreCase);

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
                    var close = glob.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        pattern.Append(@"\[");
                        break;
                    }
                    var set = glob[(i + 1)..close];
                    if (set.StartsWith('!')) set = "^" + set[1..];
                    pattern.Append('[').Append(set.Replace(@"\", @"\\", StringComparison.Ordinal)).Append(']');
                    i = close;
                    break;
                default:
                    pattern.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }
        return pattern.Append('$').ToString();
    }
}

namespace ModelSync.Reporting;

/// <summary>A name from a server, manifest or source tree, as a message may show it.</summary>
public static class Quoted
{
    /// <summary>In single quotes, control characters as <c>\xNN</c> (none reaches a terminal raw), at most 80 characters.</summary>
    public static string Name(string name) =>
        "'" + string.Concat(name.Take(80).Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString())) + (name.Length > 80 ? "…'" : "'");
}

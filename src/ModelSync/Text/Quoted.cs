namespace ModelSync.Text;

/// <summary>A name from a server, manifest or source tree, as a message may show it.</summary>
public static class Quoted
{
    /// <summary>In single quotes, escaped as <see cref="Printable.Name"/> shows names (none reaches a terminal raw), at most 80 characters.</summary>
    public static string Name(string name) => "'" + Printable.Name(name.Length > 80 ? name[..80] : name) + (name.Length > 80 ? "…'" : "'");
}

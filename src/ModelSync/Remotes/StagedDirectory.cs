namespace ModelSync.Remotes;

/// <summary>
/// A directory of a stage to make when missing and to give <paramref name="Mode"/> (as <see cref="ChmodMode"/> formats
/// it) and <paramref name="Mtime"/> (ISO 8601 UTC, as touch -d takes it); <paramref name="Path"/> is relative to the
/// stage, <c>""</c> for the stage itself.
/// </summary>
public sealed record StagedDirectory(string Path, string Mode, string Mtime)
{
    /// <summary>
    /// Permission bits as an octal chmod operand of five digits: with the leading zero GNU chmod clears a directory's
    /// setuid and setgid bits the mode lacks (with four it keeps them), so the bits are exactly these, as rsync's chmod sets them.
    /// </summary>
    public static string ChmodMode(int bits) => "0" + Convert.ToString(bits, 8).PadLeft(4, '0');
}

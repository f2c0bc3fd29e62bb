using System.Globalization;
using System.Text;
using ModelSync.Paths;

namespace ModelSync.Remotes;

/// <summary>
/// <see cref="RangeScripts.Finish"/>'s stdin: a line per ranged file, then one per directory, then <c>e</c>. On stdin, not in the
/// command line, which Linux caps at 128 KiB (MAX_ARG_STRLEN: ssh gives the server one string for <c>sh -c</c>): a
/// thousand ranged files of long names outgrew it. A path goes last on its line, in printf %b's escapes
/// (<see cref="InlineInput.Escape"/>), so no byte of a name can end the line, and the script can read each field by a space.
/// </summary>
internal static class RangesFinishInput
{
    /// <summary>The mode of a file that keeps the one it was made with: a chmod operand never is this.</summary>
    private const string AsMade = "-";

    public static byte[] Lines(IReadOnlyList<RangedFile> files, IReadOnlyList<StagedDirectory> directories)
    {
        var text = new StringBuilder();
        foreach (var f in files)
            text.Append(CultureInfo.InvariantCulture, $"f {f.Record} {f.Ranges} {f.Mtime} {(f.Mode.Length > 0 ? f.Mode : AsMade)} {Escaped(f.Path)}\n");
        foreach (var d in directories)
            text.Append(CultureInfo.InvariantCulture, $"d {d.Mode} {d.Mtime} {Escaped(d.Path)}\n");
        // The end: a list cut short (its sender gone) is not taken for a whole one.
        text.Append("e\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    private static string Escaped(string path) => InlineInput.Escape(PathBytes.Encode(path));
}

using System.Globalization;

namespace ModelSync.Text;

/// <summary>
/// Sizes, durations, rates and counts as people read them: <c>156MiB</c>, <c>2.1GiB</c>, <c>4.2s</c>, <c>1 model</c>.
/// Every size shown anywhere goes through <see cref="Bytes"/>: binary units with their IEC names, the ones
/// <c>df -h</c>, <c>du -h</c> and rsync's progress count in, so a figure here matches the one a server shows.
/// </summary>
public static class Human
{
    public const int UnitStep = 1024;

    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];

    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= UnitStep && unit < Units.Length - 1)
        {
            value /= UnitStep;
            unit++;
        }
        var format = unit == 0 || value >= 100 ? "0" : value >= 10 ? "0.#" : "0.##";
        // Three digits at most: 1000KiB to 1023KiB print as 0.98MiB and so on, as the next unit.
        if (unit > 0 && unit < Units.Length - 1 && Math.Round(Math.Abs(value), 0) >= 1000)
        {
            value /= UnitStep;
            unit++;
            format = "0.##";
        }
        return value.ToString(format, CultureInfo.InvariantCulture) + Units[unit];
    }

    /// <summary><c>1 model</c>, <c>2 models</c>; <paramref name="plural"/> for a noun that does not just take an s.</summary>
    public static string Count(long count, string noun, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? noun : plural ?? noun + "s")}";

    public static string Seconds(double seconds) =>
        seconds < 60
            ? seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "s"
            : $"{(int)(seconds / 60)}m{(int)(seconds % 60):00}s";

    public static string Rate(long bytes, double seconds) => seconds <= 0 ? "—" : Bytes((long)(bytes / seconds)) + "/s";

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

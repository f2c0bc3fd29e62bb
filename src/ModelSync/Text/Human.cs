using System.Globalization;

namespace ModelSync.Text;

/// <summary>Sizes, durations and rates as people read them: <c>156MB</c>, <c>2.1GB</c>, <c>4.2s</c>.</summary>
public static class Human
{
    private static readonly string[] Units = ["B", "KB", "MB", "GB", "TB", "PB"];

    public static string Bytes(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (Math.Abs(value) >= 1000 && unit < Units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        var format = unit == 0 || value >= 100 ? "0" : value >= 10 ? "0.#" : "0.##";
        // 999.7KB prints as 1000KB: carry into the next unit instead.
        if (unit > 0 && unit < Units.Length - 1 && Math.Round(value, 0) >= 1000)
        {
            value /= 1000;
            unit++;
            format = "0.##";
        }
        return value.ToString(format, CultureInfo.InvariantCulture) + Units[unit];
    }

    public static string Seconds(double seconds) =>
        seconds < 60
            ? seconds.ToString(seconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) + "s"
            : $"{(int)(seconds / 60)}m{(int)(seconds % 60):00}s";

    public static string Rate(long bytes, double seconds) => seconds <= 0 ? "—" : Bytes((long)(bytes / seconds)) + "/s";

    public static string Time(DateTimeOffset time) => time.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace ModelSync.Config;

/// <summary>The number of parallel streams as a user writes it (<c>defaults.streams</c>, <c>--streams</c>): <c>auto</c> or 1 to <see cref="Most"/>.</summary>
public static class StreamsSetting
{
    /// <summary>More connections than this strain sshd's limit on connections being set up at once (MaxStartups, 10 by default).</summary>
    public const int Most = 16;

    /// <summary>True for a valid setting; <paramref name="streams"/> is null for <c>auto</c>.</summary>
    public static bool TryParse(string text, out int? streams)
    {
        streams = null;
        if (text == "auto") return true;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count is < 1 or > Most) return false;
        streams = count;
        return true;
    }
}

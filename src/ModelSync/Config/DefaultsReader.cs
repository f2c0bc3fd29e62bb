using YamlDotNet.RepresentationModel;

namespace ModelSync.Config;

/// <summary><c>defaults:</c> — what every transfer does unless a flag says otherwise.</summary>
internal static class DefaultsReader
{
    private static readonly string[] DefaultsKeys = ["verify", "compress", "delete", "stale_lock_hours", "hash", "relay", "streams"];

    public static Defaults Read(NodeReader reader, YamlNode node)
    {
        var defaults = new Defaults();
        if (node is YamlScalarNode { Value: null or "" }) return defaults;
        foreach (var (keyNode, value) in reader.Mapping(node, "defaults").Children)
        {
            var key = reader.Key(keyNode, DefaultsKeys, "key", " in defaults");
            if (key == "stale_lock_hours")
            {
                var text = reader.Scalar(value, key);
                // A year at most: NaN, infinity or 1e300 would not fit a duration.
                if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var hours) || !(hours is > 0 and <= 24 * 366))
                    throw reader.Error(value, $"stale_lock_hours: '{text}' is not a positive number of hours (a year at most)", "write e.g. stale_lock_hours: 24");
                defaults = defaults with { StaleLockAfter = TimeSpan.FromHours(hours) };
                continue;
            }
            if (key == "streams")
            {
                var text = reader.Scalar(value, key);
                if (!StreamsSetting.TryParse(text, out var streams))
                    throw reader.Error(value, $"streams: '{text}' is not auto or a number from 1 to {StreamsSetting.Most}", "write e.g. streams: 4 (auto is the default)");
                defaults = defaults with { Streams = streams };
                continue;
            }
            if (key == "hash")
            {
                var name = reader.Scalar(value, key);
                defaults = defaults with
                {
                    Hash = ModelSync.Hashing.HashFunction.TryParse(name) ?? throw reader.Error(value,
                        $"hash: '{name}' is not one of {string.Join(", ", ModelSync.Hashing.HashFunction.Names)}", "write e.g. hash: xxh128 (sha256 is the default)"),
                };
                continue;
            }
            var flag = reader.Boolean(value, key);
            defaults = key switch
            {
                "verify" => defaults with { Verify = flag },
                "compress" => defaults with { Compress = flag },
                "relay" => defaults with { Relay = flag },
                _ => defaults with { Delete = flag },
            };
        }
        return defaults;
    }
}

using System.Globalization;

namespace ModelSync.Remotes;

/// <summary>
/// What a question <c>doctor</c> puts to a place got back: <paramref name="Value"/>, null when the place printed no
/// answer or ended with a non-zero <paramref name="ExitCode"/>; then <paramref name="Error"/> is the last line of its stderr.
/// </summary>
public sealed record PlaceAnswer<T>(T? Value, int ExitCode, string Error) where T : class;

/// <summary>The <c>key=value</c> lines a <see cref="DoctorScripts"/> script printed after its marker.</summary>
public sealed class ScriptAnswer
{
    private readonly List<KeyValuePair<string, string>> _pairs;

    private ScriptAnswer(List<KeyValuePair<string, string>> pairs) => _pairs = pairs;

    /// <summary>The answer after the last marker line, or null when there is none (the script did not run).</summary>
    public static ScriptAnswer? Parse(string stdout)
    {
        var lines = stdout.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var start = lines.LastIndexOf(DoctorScripts.Marker);
        if (start < 0) return null;
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(start + 1))
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0) pairs.Add(new(line[..equals], line[(equals + 1)..]));
        }
        return new ScriptAnswer(pairs);
    }

    public string? Get(string key) => _pairs.FirstOrDefault(p => p.Key == key).Value;

    public IReadOnlyList<string> All(string key) => _pairs.Where(p => p.Key == key).Select(p => p.Value).ToList();

    public long? Number(string key) =>
        long.TryParse(Get(key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}

/// <summary>What <see cref="DoctorScripts.Inspect"/> found: home, rsync, hash tools, the server's clock.</summary>
public sealed record RemoteInspection(string? Home, string? RsyncVersion, IReadOnlyList<string> HashTools, long? Now)
{
    public static RemoteInspection? Parse(string stdout) =>
        ScriptAnswer.Parse(stdout) is not { } answer ? null
            : new(answer.Get("home"), answer.Get("rsync") is { Length: > 0 } rsync ? rsync.Trim() : null, answer.All("tool"), answer.Number("now"));

    /// <summary>A remote <c>~</c> in model_base resolved against <paramref name="home"/>, as a connected remote does.</summary>
    public static string ResolveModelBase(string configured, string? home)
    {
        if (string.IsNullOrEmpty(home)) return configured;
        home = home.TrimEnd('/');
        return configured == "~" ? home
            : configured.StartsWith("~/", StringComparison.Ordinal) ? home + configured[1..]
            : configured;
    }
}

/// <summary>What <see cref="DoctorScripts.ModelBase"/> found at model_base.</summary>
public sealed record ModelBaseProbe(string State, string? Ancestor, string? Writable, string? Error, long? FreeBytes)
{
    public const string Directory = "directory";
    public const string NotADirectory = "not-a-directory";
    public const string Missing = "missing";

    public static ModelBaseProbe? Parse(string stdout) =>
        ScriptAnswer.Parse(stdout) is not { } answer || answer.Get("state") is not { } state ? null
            : new(state, answer.Get("ancestor"), answer.Get("writable"), answer.Get("error"), answer.Number("free") * 1024);
}

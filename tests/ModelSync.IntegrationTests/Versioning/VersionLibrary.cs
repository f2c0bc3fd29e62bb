using ModelSync.IntegrationTests.Fixtures;
using ModelSync.IntegrationTests.Support;

namespace ModelSync.IntegrationTests.Versioning;

/// <summary>
/// A fresh model_base on the fixture's sshd holding several versions of several models, made in place, and a
/// config whose alias <c>alpha</c> points at it. The ASR versions exercise every step of the order: VERSION
/// (250901 over 250820), then DATE (N2501 over N2412), then mtime (Sep 05 over Sep 01).
/// </summary>
public sealed class VersionLibrary
{
    public const string LatestAsr = "rtx4090_n2501_asr_250901";

    /// <summary>The ASR versions, newest first.</summary>
    public static readonly string[] AsrNewestFirst =
        [LatestAsr, "RTX3090_N2501_ASR_250901", "A100_N2412_ASR_250901", "RTX3090_N2501_ASR_250820"];

    /// <summary>Every entry, newest modification first (as <c>list</c> orders them), with its mtime and size.</summary>
    public static readonly (string Name, DateTime Modified, int Bytes)[] Entries =
    [
        ("langdetector-v1", At(2025, 11, 1), 300),
        ("RTX3090_N2501_LANGDETECTOR_MMS_251030", At(2025, 10, 30), 1300),
        ("A100_N2412_ASR_250901", At(2025, 9, 10), 1200),
        (LatestAsr, At(2025, 9, 5), 1100),
        ("RTX3090_N2501_ASR_250901", At(2025, 9, 1), 1000),
        ("RTX3090_N2501_FASTCONFORMER_250820", At(2025, 8, 21), 900),
        ("RTX3090_N2501_ASR_250820", At(2025, 8, 20), 800),
        ("RTX3090_N2501_LANGDETECTOR_250715", At(2025, 7, 15), 700),
    ];

    public VersionLibrary(SshdFixture sshd, string id, string work)
    {
        Base = Path.Combine(sshd.Root, "versions-" + id);
        var seed = 0;
        foreach (var (name, modified, bytes) in Entries)
        {
            new TreeBuilder(Path.Combine(Base, name))
                .File("config.pbtxt", $"name: \"{name}\"\n")
                .RandomFile("1/model.onnx", bytes - $"name: \"{name}\"\n".Length, seed: ++seed)
                .SetAllTimes(modified);
        }
        ConfigPath = TestConfig.Write(work, TestConfig.Ssh(sshd, "alpha", Base));
    }

    /// <summary>The model_base.</summary>
    public string Base { get; }

    /// <summary>A config with the one alias <c>alpha</c> on <see cref="Base"/>.</summary>
    public string ConfigPath { get; }

    public string PathOf(string name) => Path.Combine(Base, name);

    /// <summary>The config, plus a <c>naming:</c> section.</summary>
    public string ConfigWithNaming(params string[] namingLines)
    {
        var path = ConfigPath.Replace(".yaml", "-naming.yaml", StringComparison.Ordinal);
        File.WriteAllText(path, File.ReadAllText(ConfigPath) + "naming:\n" + string.Concat(namingLines.Select(l => "  " + l + "\n")));
        return path;
    }

    private static DateTime At(int year, int month, int day) => new(year, month, day, 10, 0, 0, DateTimeKind.Utc);
}

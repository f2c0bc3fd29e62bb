namespace ModelSync.Hashing;

/// <summary>
/// A content hash verification can use, and the programs that compute it. sha256 works everywhere (openssl, else
/// coreutils' sha256sum); xxh128 (xxhsum, Debian package xxhash) and blake3 (b3sum) are several times faster and
/// used only when both ends have their program. This is C#'s one statement of which program computes which hash
/// (<see cref="Tools"/>, preferred first); the shell's is Remotes/Scripts/hash-tools.sh, and a unit test holds the two together.
/// </summary>
public sealed record HashFunction(string Name, IReadOnlyList<string> Tools, int HexLength, string Package)
{
    public static readonly HashFunction Sha256 = new("sha256", ["openssl", "sha256sum"], 64, "openssl");
    public static readonly HashFunction Xxh128 = new("xxh128", ["xxhsum"], 32, "xxhash");
    public static readonly HashFunction Blake3 = new("blake3", ["b3sum"], 64, "b3sum");

    public static IReadOnlyList<HashFunction> All { get; } = [Sha256, Xxh128, Blake3];

    /// <summary>Every program any of <see cref="All"/> may run, in the order a probe reports them.</summary>
    public static IReadOnlyList<string> AllTools { get; } = [.. All.SelectMany(f => f.Tools)];

    public static IReadOnlyList<string> Names { get; } = [.. All.Select(f => f.Name)];

    public static HashFunction? TryParse(string? name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>True when a place that has <paramref name="tools"/> on its PATH can compute this hash.</summary>
    public bool AvailableWith(IReadOnlyCollection<string> tools) => Tools.Any(tools.Contains);

    public override string ToString() => Name;
}

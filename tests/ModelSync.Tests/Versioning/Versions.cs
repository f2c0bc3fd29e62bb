using ModelSync.Versioning;

namespace ModelSync.Tests.Versioning;

/// <summary>Listing entries for tests: a name, a size and an mtime (seconds after a fixed instant).</summary>
internal static class Versions
{
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ModelInfo Info(string name, long seconds = 0, long bytes = 100) => new(name, bytes, 1, Start.AddSeconds(seconds));

    public static VersionedModel Entry(string name, long seconds = 0, long bytes = 100) =>
        new(Info(name, seconds, bytes), NamingPattern.Default.Parse(name));

    public static ModelCatalog Catalog(params ModelInfo[] models) => new(models, NamingPattern.Default);
}

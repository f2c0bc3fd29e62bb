namespace ModelSync.Manifests;

/// <summary>
/// What a scan made of the manifest it found: <see cref="Manifest"/> when it can be trusted, else null, with
/// <see cref="Problem"/> saying why when a current manifest turned out damaged (worth a warning; an older format is not).
/// </summary>
public sealed record ManifestReading(ModelManifest? Manifest, string? Problem)
{
    public static readonly ManifestReading None = new(null, null);

    public static ManifestReading Unusable(string problem) => new(null, problem);
}

using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelSync.Manifests;

/// <summary>
/// One file as a verified push left it: size, mtime (seconds, and microseconds below them; 0 when unknown, as in
/// manifests written before they were recorded), and the hash of its content. <see cref="Path"/> is the name as
/// <see cref="Paths.PathBytes"/> decodes it. JSON text cannot hold bytes that are not UTF-8, so in the file such a
/// name is written as <see cref="PathBase64"/> (its exact bytes), with its escaped form (<c>w\xff</c>) as the path
/// for people reading it; <see cref="ModelManifest.TryParse"/> takes the bytes.
/// </summary>
public sealed record ManifestFile(string Path, long Size, long Mtime, string Hash, int MtimeMicroseconds = 0)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? PathBase64 { get; init; }

    /// <summary>
    /// The permission bits the file was sent with, as find prints them (<see cref="FileModes"/>): a target that did not
    /// keep them is not sent the file again for that alone. Null in manifests written before it was recorded.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Mode { get; init; }

    /// <summary>As written to the file: a name that is not UTF-8 by its bytes in base64.</summary>
    internal ManifestFile ToJson() => Paths.PathBytes.HasEscapes(Path)
        ? this with { Path = ModelSync.Text.Printable.Name(Path), PathBase64 = Convert.ToBase64String(Paths.PathBytes.Encode(Path)) }
        : this;

    /// <summary>As read from the file: the name from its bytes when it has them; null when they are not base64.</summary>
    internal ManifestFile? FromJson()
    {
        if (PathBase64 is null) return this;
        var bytes = new byte[PathBase64.Length];
        return Convert.TryFromBase64String(PathBase64, bytes, out var length)
            ? this with { Path = Paths.PathBytes.Decode(bytes.AsSpan(0, length)), PathBase64 = null }
            : null;
    }
}

/// <summary>
/// What a verified push leaves inside the model directory, as <see cref="FileName"/>: every file with size, mtime
/// and hash (by <see cref="Algorithm"/>: sha256, xxh128 or blake3), and who pushed it from where, when, with which
/// version of the tool. Format 1 named the hash <c>sha256</c>; such a manifest is not read, so the next push or
/// verify hashes afresh and writes a current one. Format 3 is format 2 with <see cref="ManifestFile.PathBase64"/>,
/// written only when a name is not UTF-8, so that a version that does not know the field skips the manifest rather
/// than mistake the escaped path for a file of that name. Model servers skip it (a
/// dot-file, neither <c>config.pbtxt</c> nor a numeric version directory); scans, diffs and transfers leave it out.
/// </summary>
public sealed record ModelManifest(
    int FormatVersion,
    string Tool,
    string PushedBy,
    string SourceHost,
    string SourcePath,
    DateTimeOffset Published,
    string Algorithm,
    [property: JsonConverter(typeof(ManifestFilesConverter))] IReadOnlyList<ManifestFile> Files)
{
    public const string FileName = ".model-sync-manifest.json";
    public const int CurrentFormat = 2;

    /// <summary>A scan reads no more of a manifest than this (about 300k files as this tool writes them).</summary>
    public const int MaxBytes = 64 << 20;

    /// <summary>More entries than any model has files: a manifest listing more is refused while it is read.</summary>
    public const int MaxFiles = 1_000_000;

    /// <summary>The format when some name is not UTF-8 (see <see cref="ManifestFile.PathBase64"/>).</summary>
    public const int BytesFormat = 3;

    /// <summary>
    /// When the run that wrote it began reading the source (before any of its hashes was taken); its files' mtimes are
    /// weighed against this, never against <see cref="Published"/>, which comes after the transfer and its verification
    /// (the quick check). Null in a manifest written before it was recorded.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? HashedFrom { get; init; }

    /// <summary><paramref name="hashedFrom"/>: see <see cref="HashedFrom"/>; now when not given (a manifest made from hashes just taken).</summary>
    public static ModelManifest Create(TreeListing source, IReadOnlyDictionary<string, string> hashes, ModelSync.Hashing.HashFunction function, string sourceHost, string sourcePath,
        DateTimeOffset? hashedFrom = null) => new(
        CurrentFormat,
        "model-sync " + typeof(ModelManifest).Assembly.GetName().Version?.ToString(3),
        Environment.UserName + "@" + Environment.MachineName,
        sourceHost,
        sourcePath,
        DateTimeOffset.UtcNow,
        function.Name,
        source.Files.Where(f => hashes.ContainsKey(f.Path)).Select(f => new ManifestFile(f.Path, f.Size, f.ModifiedUnixSeconds, hashes[f.Path], f.ModifiedMicroseconds)
            {
                Mode = f.Mode is { } mode ? FileModes.Format(mode) : null,
            }).ToList())
    {
        HashedFrom = hashedFrom ?? DateTimeOffset.UtcNow,
    };

    /// <summary>
    /// True for the manifest at the top of a directory model and its temp file (rsync's <c>--exclude=/.model-sync-manifest.json*</c>):
    /// the tool's own, never copied or deleted as part of the model.
    /// </summary>
    public static bool IsOwnFile(string path) => !path.Contains('/', StringComparison.Ordinal) && path.StartsWith(FileName, StringComparison.Ordinal);

    /// <summary>The hash function of <see cref="ManifestFile.Hash"/>; null for a name this version does not know.</summary>
    [JsonIgnore]
    public ModelSync.Hashing.HashFunction? Function => ModelSync.Hashing.HashFunction.TryParse(Algorithm);

    /// <summary>
    /// Hashes the manifest vouches for: files in <paramref name="listing"/> whose size and mtime still match it,
    /// and none when it was written with another hash function than <paramref name="function"/> (only like is
    /// compared with like). A file changed since the push no longer matches and must be hashed again.
    /// </summary>
    public IReadOnlyDictionary<string, string> Trusted(TreeListing listing, ModelSync.Hashing.HashFunction function)
    {
        if (Function != function) return new Dictionary<string, string>(StringComparer.Ordinal);
        var recorded = Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        return listing.Files
            .Where(f => recorded.TryGetValue(f.Path, out var r) && r.Size == f.Size && Mtimes.Same(r.Mtime, r.MtimeMicroseconds, f.ModifiedUnixSeconds, f.ModifiedMicroseconds))
            .ToDictionary(f => f.Path, f => recorded[f.Path].Hash, StringComparer.Ordinal);
    }

    /// <summary>UTF-8 straight away: for 20k files the manifest is megabytes, and a string copy doubled the peak memory.</summary>
    public byte[] SerializeToUtf8()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>As <see cref="SerializeToUtf8"/>, into <paramref name="buffer"/> (the finish call's stdin, without a copy of its own).</summary>
    public void WriteTo(System.Buffers.IBufferWriter<byte> buffer)
    {
        var files = Files.Select(f => f.ToJson()).ToList();
        var format = files.Any(f => f.PathBase64 is not null) ? BytesFormat : FormatVersion;
        var options = ManifestJson.Default.Options;
        using var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Encoder = options.Encoder, Indented = options.WriteIndented, IndentCharacter = options.IndentCharacter, IndentSize = options.IndentSize,
            NewLine = options.NewLine,
        });
        JsonSerializer.Serialize(writer, this with { FormatVersion = format, Files = files }, ManifestJson.Default.ModelManifest);
    }

    /// <summary>The manifest in <paramref name="json"/>, or null when it is not one this version can trust.</summary>
    public static ModelManifest? TryParse(string json) => Read(System.Text.Encoding.UTF8.GetBytes(json)).Manifest;

    /// <summary>
    /// The manifest in <paramref name="utf8"/>, or why there is none to trust. Whoever can write to the server can
    /// write this file, so nothing in it is assumed: any damaged entry (see <see cref="ManifestCheck"/>) makes the
    /// whole manifest unusable, and the files are hashed instead. Another format version is passed over silently
    /// (an older push wrote it; the next verified push replaces it).
    /// </summary>
    public static ManifestReading Read(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > MaxBytes) return ManifestReading.Unusable($"it is larger than {MaxBytes >> 20} MiB");
        ModelManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(utf8, ManifestJson.Default.ModelManifest);
        }
        catch (ManifestFilesConverter.TooManyFilesException)
        {
            return ManifestReading.Unusable($"it lists more than {MaxFiles} files");
        }
        catch (JsonException e)
        {
            // The position only: the parser's own message may quote the hostile bytes.
            return ManifestReading.Unusable($"not a manifest: invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}");
        }
        if (manifest is null) return ManifestReading.Unusable("not a manifest: JSON null");
        if (manifest.FormatVersion is not (CurrentFormat or BytesFormat)) return new ManifestReading(null, null);
        if (manifest.Files is { } files)
        {
            // Names kept as bytes come back as the paths the rest of the tool uses; one that is not base64 spoils the manifest.
            var decoded = files.Select(f => f?.FromJson()).ToList();
            if (decoded.Count(f => f is null) > files.Count(f => f is null)) return ManifestReading.Unusable("an entry's path_base64 is not base64");
            manifest = manifest with { FormatVersion = CurrentFormat, Files = decoded! };
        }
        return ManifestCheck.Problem(manifest) is { } problem ? ManifestReading.Unusable(problem) : new ManifestReading(manifest, null);
    }
}
/// <summary>Compiled (de)serialisation of the manifest: no reflection warm-up on the path of a no-op push.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ModelManifest))]
[JsonSerializable(typeof(ManifestFile))]
internal sealed partial class ManifestJson : JsonSerializerContext;

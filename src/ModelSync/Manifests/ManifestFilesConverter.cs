using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelSync.Manifests;

/// <summary>
/// Reads a manifest's file list one entry at a time and stops past <see cref="ModelManifest.MaxFiles"/>: a hostile
/// list of millions of tiny entries must not fill the memory before the checks can refuse it.
/// </summary>
internal sealed class ManifestFilesConverter : JsonConverter<IReadOnlyList<ManifestFile>>
{
    public sealed class TooManyFilesException() : JsonException("too many files");

    public override IReadOnlyList<ManifestFile> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("files is not a list");
        var files = new List<ManifestFile>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (files.Count == ModelManifest.MaxFiles) throw new TooManyFilesException();
            files.Add(JsonSerializer.Deserialize(ref reader, ManifestJson.Default.ManifestFile)!);
        }
        return files;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<ManifestFile> value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (var file in value) JsonSerializer.Serialize(writer, file, ManifestJson.Default.ManifestFile);
        writer.WriteEndArray();
    }
}

using System.Text.Json;
using System.Text.Json.Serialization;
using ModelSync.Paths;
using ModelSync.Text;

namespace ModelSync.Reporting.Json;

/// <summary>
/// JSON text is Unicode, so a string holding bytes that are not UTF-8 (a name, see <see cref="PathBytes"/>)
/// is written as <see cref="Printable.Name"/> shows it: <c>w\xff</c>, a backslash doubled. Every other string stays as
/// it is (the writer escapes control characters itself).
/// </summary>
public sealed class PrintableNames : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString();

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(PathBytes.HasEscapes(value) ? Printable.Name(value) : value);

    /// <summary>A key (a group name from the config) as it is, as before there were converters.</summary>
    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetString()!;
}

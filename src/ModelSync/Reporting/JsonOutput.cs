using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelSync.Reporting;

/// <summary>The one JSON document a <c>--json</c> command prints: snake_case keys, exact bytes and seconds.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write<T>(TextWriter writer, T document) => writer.WriteLine(JsonSerializer.Serialize(document, Options));

    public static void WriteError(TextWriter writer, int code, string message, string? fix) =>
        Write(writer, new { error = new { code, message, fix } });
}

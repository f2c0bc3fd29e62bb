using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelSync.Text;

namespace ModelSync.Reporting;

/// <summary>
/// The one JSON document a <c>--json</c> command prints: snake_case keys, exact bytes and seconds. Reports build it
/// key by key as a <see cref="JsonObject"/> rather than serialising objects by reflection, which the Native AOT
/// build cannot do.
/// </summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Format = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(TextWriter writer, JsonNode document)
    {
        KeepUtf8(document);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Format)) document.WriteTo(json);
        writer.WriteLine(Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    /// <summary>
    /// JSON text is Unicode, so a string holding bytes that are not UTF-8 (a name, see <see cref="Paths.PathBytes"/>)
    /// is given as <see cref="Printable.Name"/> shows it: <c>w\xff</c>, a backslash doubled. Every other string stays as
    /// it is (the writer escapes control characters itself).
    /// </summary>
    private static void KeepUtf8(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (Replacement(value) is { } text) o[key] = text;
                    else KeepUtf8(value);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (Replacement(a[i]) is { } text) a[i] = text;
                    else KeepUtf8(a[i]);
                }
                break;
        }
    }

    private static string? Replacement(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && Paths.PathBytes.HasEscapes(s) ? Printable.Name(s) : null;

    public static void WriteError(TextWriter writer, int code, string message, string? fix) =>
        Write(writer, new JsonObject { ["error"] = Error(code, message, fix) });

    /// <summary><c>{code, message, fix}</c>: the whole error document's, and each unreached server's in a multi-server report.</summary>
    public static JsonObject Error(int code, string message, string? fix) => new() { ["code"] = code, ["message"] = message, ["fix"] = fix };

    /// <summary>An enum value as the snake_case word scripts see: <c>VerifyStatus.Verified</c> → <c>verified</c>.</summary>
    public static string Name(Enum value) => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static JsonArray Array<T>(IEnumerable<T> items, Func<T, JsonNode?> item) => new(items.Select(item).ToArray());

    public static JsonArray Array(IEnumerable<string> items) => Array(items, s => JsonValue.Create(s));
}

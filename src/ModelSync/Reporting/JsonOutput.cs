using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelSync.Reporting.Json;

namespace ModelSync.Reporting;

/// <summary>
/// The one JSON document a <c>--json</c> command prints: a record of <see cref="Json"/>, serialised by the code
/// <see cref="ReportJsonContext"/> generates at build time (the Native AOT build cannot serialise by reflection).
/// </summary>
public static class JsonOutput
{
    private static readonly JsonWriterOptions Format = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write<T>(TextWriter writer, T document) => writer.WriteLine(Text(document));

    /// <summary>The document as printed, without the final line break.</summary>
    public static string Text<T>(T document)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Format)) JsonSerializer.Serialize(json, document, TypeInfo<T>());
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static JsonTypeInfo<T> TypeInfo<T>() =>
        ReportJsonContext.Default.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new InvalidOperationException($"{typeof(T).Name} is not a report document: add [JsonSerializable(typeof({typeof(T).Name}))] to {nameof(ReportJsonContext)}");

    public static void WriteError(TextWriter writer, int code, string message, string? fix) =>
        Write(writer, new ErrorDocumentJson { Error = ErrorJson.From(code, message, fix) });
}

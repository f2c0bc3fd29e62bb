using System.Text.Json.Serialization;

namespace ModelSync.Reporting.Json;

/// <summary>
/// Serialisation code for every document a <c>--json</c> command prints, written at build time (Native AOT has no
/// reflection-based serialiser). Keys are snake_case; every property is written, null as null. Objects refuse
/// unknown members, which the generated schemas say as <c>additionalProperties: false</c>. Strings go through
/// <see cref="PrintableNames"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    Converters = [typeof(PrintableNames)])]
[JsonSerializable(typeof(ErrorDocumentJson))]
[JsonSerializable(typeof(TransferJson))]
[JsonSerializable(typeof(DiffJson))]
[JsonSerializable(typeof(ListJson))]
[JsonSerializable(typeof(VersionsJson))]
[JsonSerializable(typeof(PruneJson))]
[JsonSerializable(typeof(NameJson))]
[JsonSerializable(typeof(VerifyJson))]
[JsonSerializable(typeof(ExecJson))]
[JsonSerializable(typeof(ServersJson))]
[JsonSerializable(typeof(DoctorJson))]
[JsonSerializable(typeof(PushFleetJson))]
[JsonSerializable(typeof(ExecFleetJson))]
[JsonSerializable(typeof(VerifyFleetJson))]
[JsonSerializable(typeof(DiffFleetJson))]
[JsonSerializable(typeof(ListFleetJson))]
[JsonSerializable(typeof(PruneFleetJson))]
public sealed partial class ReportJsonContext : JsonSerializerContext;

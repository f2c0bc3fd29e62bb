using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModelSync.Reporting.Json;

/// <summary>An enum value as the snake_case word scripts see: <c>VerifyStatus.Verified</c> → <c>verified</c>.</summary>
public sealed class SnakeCaseWords<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where T : struct, Enum;

using System.ComponentModel;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/error.schema.json: what any command prints with <c>--json</c> when it fails.</summary>
public sealed record ErrorDocumentJson
{
    public required ErrorJson Error { get; init; }
}

/// <summary><c>{code, message, fix}</c>: the whole error document's, and each unreached server's in a multi-server report.</summary>
public sealed record ErrorJson
{
    [Description("The process exit code: 1 failed, 2 bad usage or configuration, 3 verification failed, 130 interrupted")]
    [Values(1, 2, 3, 130)]
    public required int Code { get; init; }

    [Description("What is wrong, one line")]
    [MinLength(1)]
    public required string Message { get; init; }

    [Description("What to do about it")]
    public required string? Fix { get; init; }

    public static ErrorJson From(int code, string message, string? fix) => new() { Code = code, Message = message, Fix = fix };
}

using System.ComponentModel;
using System.Text.Json.Serialization;
using ModelSync.Doctor;

namespace ModelSync.Reporting.Json;

/// <summary>docs/json/doctor.schema.json.</summary>
public sealed record DoctorJson
{
    [Description("Every check passed (warnings pass); exit 0 exactly then")]
    public required bool Ok { get; init; }

    [Description("In the order they ran")]
    [MinLength(1)]
    public required IReadOnlyList<DoctorCheckJson> Checks { get; init; }
}

public sealed record DoctorCheckJson
{
    [Description("Stable check name; rsync is both this machine's (server null) and the server's")]
    [Values("config", "ssh", "rsync", "ssh_key", "dns", "tcp", "host_key", "authentication", "model_base",
        "free_space", "hash_tools", "clock_skew", "shell_output", "shell_time")]
    public required string Name { get; init; }

    [Description("The alias; null for a check of this machine")]
    public required string? Server { get; init; }

    [Description("status is ok or warning")]
    public required bool Ok { get; init; }

    [JsonConverter(typeof(SnakeCaseWords<CheckStatus>))]
    public required CheckStatus Status { get; init; }

    public required string Result { get; init; }

    [Description("What to do; null when there is nothing to do")]
    public required string? Fix { get; init; }
}
